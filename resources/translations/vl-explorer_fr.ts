<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>QObject</name>
    <message>
        <source>not labels: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>labels: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tags: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2 %3–%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicates ≥ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uniqueness ≥ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>semantic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>granularity %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl</name>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read as an image (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::AbortEnrichmentJob</name>
    <message>
        <source>abort the enrichment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::AboutDialog</name>
    <message>
        <source>user interface, networking, image formats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credentials in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image analysis and neural network runtime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local engine&apos;s HTTP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the local engine&apos;s catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>word meanings for semantic search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading text in images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classical detectors used without the learned models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Libraries&lt;/h3&gt;&lt;table cellspacing=4&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Learned models of the local engine&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;table cellspacing=4&gt;&lt;tr&gt;&lt;th align=left&gt;Model&lt;/th&gt;&lt;th align=left&gt;From&lt;/th&gt;&lt;th align=left&gt;Upstream&lt;/th&gt;&lt;th align=left&gt;Licence&lt;/th&gt;&lt;/tr&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (not installed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About VL Explorer</source>
        <translation>À propos de VL Explorer</translation>
    </message>
    <message>
        <source>the text reader&apos;s model (tessdata)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image input of Tesseract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;VL Explorer %1&lt;/h2&gt;&lt;p&gt;A native browser for Visual Layer datasets, with a built-in engine for folders on this computer.&lt;/p&gt;&lt;p&gt;Running on Qt %2.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;The learned models run on OpenCV&apos;s DNN module; ONNX Runtime is not used. Converting them at set-up uses the ONNX Python package (Apache-2.0), which is not shipped.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;None installed: run &lt;code&gt;packaging/models/prepare-models.sh ~/.local/share/vl-explorer/models&lt;/code&gt; from a source checkout (or &lt;code&gt;packaging/bootstrap.sh&lt;/code&gt;), then restart.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ApiError</name>
    <message>
        <source>could not reach the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secure connection failed (TLS); the server&apos;s certificate was not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server rejected the credentials%1; check the API key and API secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not permitted%1; the account lacks access or the feature is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found, or this account has no access to it%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dataset is not in a state that allows this%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request was rejected as invalid%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid parameter %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many requests%1; wait a moment and try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server failed%1; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent a response that could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request failed%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ApiJob</name>
    <message>
        <source>the body was empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON (%1 at byte %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no server address is set</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>no data for %n second(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the connection closed before the response was complete (%n byte(s) received)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>the body was cut off (%1 of %2 bytes received)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer has no export task id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::BoxedImageView</name>
    <message>
        <source>The image could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ClusterCardDelegate</name>
    <message>
        <source>1 item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no labels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ClusterMembersDialog</name>
    <message>
        <source>Cluster members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — showing %2 of %3 items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find similar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two members side by side (select two with Ctrl+click)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ClusterResultsModel</name>
    <message>
        <source>%1 items
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>distance %1 (lower = more similar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 (higher = more similar)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::CompareDialog</name>
    <message>
        <source>Compare %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wheel or + / − to zoom both, drag to pan both, 0 to fit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dimensions: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File size: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::Connection</name>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visual Layer Cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-hosted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ConnectionDialog</name>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to Visual Layer Cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a self-hosted server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an API key and secret from Visual Layer (Settings → API credentials). The secret is shown only once when it is created. Both are kept in this computer&apos;s keychain, never in settings files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address of a self-hosted Visual Layer server, e.g. http://server:2080. Self-hosted servers need no API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visual Layer Cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-hosted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain did not store the credentials, so nothing was saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ConnectionManager</name>
    <message>
        <source>The local engine is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local engine could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved connection no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API key for this connection could not be read from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No API client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: 1 dataset visible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: %1 datasets visible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the API key or secret (401). Check both values; an API secret is shown only once when it is created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account is not allowed to use the API (403).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach %1. The computer may be offline, or the address is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 failed; its certificate is not trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered, but it does not look like a Visual Layer server (404).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a server error (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sent an answer that is not a Visual Layer response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ConnectionStatusPage</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the local engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the catalogue of local datasets. This takes a moment the first time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ConnectionSwitcher</name>
    <message>
        <source>Where the datasets come from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Visual Layer Cloud…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self-hosted server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local connection cannot be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove &quot;%1&quot;? Its API key is also removed from the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ConnectionsModel</name>
    <message>
        <source>Local</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No credentials are stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders on this computer, indexed by the built-in engine</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::CreateDatasetFromFolderJob</name>
    <message>
        <source>create the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object with dataset_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer has no dataset_id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::CredentialStore</name>
    <message>
        <source>No credential store is available; the credentials can be used for this run only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both an API key and an API secret are needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored credentials are damaged; enter them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::DatasetDialogs</name>
    <message>
        <source>Indexing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescanning %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder could not be added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be deleted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be rescanned: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1… %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a folder of images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders can be added with the local engine or a self-hosted server. Switch to &quot;Local&quot; to browse a folder on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating a dataset from %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZIP archives (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include the image files in the archive? (Metadata only is much smaller.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot;? The dataset and its index are removed from the server. The original image files are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Export %n selected item(s) of %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 selection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::DatasetExporter</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export finished without a download link.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not export this dataset (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::DatasetListModel</name>
    <message>
        <source>%1 · finding objects %2%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be searched yet (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished">Images</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation type="unfinished">Objets</translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::DatasetListWidget</name>
    <message>
        <source>Filter datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No datasets yet.
Use &quot;Add folder…&quot; or drop a folder of images on this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrich…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rescan folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::DatasetStatus</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>Indexation</translation>
    </message>
    <message>
        <source>Read only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partial index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::DeleteDatasetJob</name>
    <message>
        <source>delete the dataset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::DownloadJob</name>
    <message>
        <source>download the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no output to write to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not write the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::DropHandler</name>
    <message>
        <source>Drop a folder to add it as a dataset, or open a dataset and drop an image to search with it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::EnrichDatasetJob</name>
    <message>
        <source>start the enrichment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer has no dataset_id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::EnrichmentContextJob</name>
    <message>
        <source>read the enrichment context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an enrichment context object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::EnrichmentDialog</name>
    <message>
        <source>Start enrichment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrich %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrichment runs AI models over the dataset and creates an enriched copy; the original stays unchanged. Choose at most one model per type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the models available for this dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a model to read about it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The models could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enriching %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Needs %1: a model for it is chosen automatically unless already applied.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Coming soon: not available yet.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Already applied to this dataset.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::EnrichmentModelsModel</name>
    <message>
        <source>%1 needs %2, but no available model provides it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected %1 because %2 needs %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown model %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is coming soon and cannot be applied yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already applied to this dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dependencies of %1 cannot be met.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deselected %1 because it needs %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset cannot be enriched right now: it must be READY and not busy with another update (indexing, adding media or another enrichment).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset no longer exists, or this account has no access to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the credentials. Reconnect and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept the chosen models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server said: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (applied: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coming soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::EnrichmentStatusJob</name>
    <message>
        <source>read the enrichment status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an enrichment status object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ExploreJob</name>
    <message>
        <source>explore the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer has no clusters list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ExportStatusJob</name>
    <message>
        <source>read the export status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an export task object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::FilterChipsBar</name>
    <message>
        <source>Add filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclude labels…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uniqueness…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclude labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels, separated by commas:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag ids, separated by commas (or &quot;untagged&quot;):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show media with this issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide media with this issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confidence from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uniqueness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum similarity between duplicates (0–1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum uniqueness score (0–1):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::GetDatasetJob</name>
    <message>
        <source>get the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a dataset object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ImageSimilarityJob</name>
    <message>
        <source>upload the query image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the answer has no anchor_media_id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::KeychainSecretStore</name>
    <message>
        <source>No stored credentials were found in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No OS keychain is available (%1); the credentials can be used for this run only and will not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access to the keychain was denied (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ListDatasetsJob</name>
    <message>
        <source>list datasets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list of datasets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ListModelsJob</name>
    <message>
        <source>list enrichment models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list of models</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::MainWindow</name>
    <message>
        <source>VL Explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>Ajouter un dossier…</translation>
    </message>
    <message>
        <source>Create a dataset from a folder of images (or drop a folder on the window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>Ouvrir une image…</translation>
    </message>
    <message>
        <source>Connect to Visual Layer Cloud…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add self-hosted server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Enrich dataset…</source>
        <translation>Enrichir le jeu de données…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>About VL Explorer</source>
        <translation>À propos de VL Explorer</translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dataset list could not be refreshed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That dataset is not in the list (yet).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a dataset to enrich first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset first: visual search looks for similar images inside one dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: ready to search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Selection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::MediaJob</name>
    <message>
        <source>load the image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::MediaLoad</name>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::MediaLoader</name>
    <message>
        <source>the image is larger than %1 MB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::MediaViewerDialog</name>
    <message>
        <source>Media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find similar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::MemorySecretStore</name>
    <message>
        <source>No OS keychain is available; the credentials can be used for this run only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stored secret for %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::NotificationBanner</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::QualityCountsModel</name>
    <message>
        <source>Blurry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bright</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Near-duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outliers (low uniqueness)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::QualityPanel</name>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum similarity of a near-duplicate (1 = identical)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum confidence of the issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show these images in the grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per issue at the threshold on the right.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ReindexDatasetJob</name>
    <message>
        <source>rescan the dataset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ResultSelectionActions</name>
    <message>
        <source>Export selection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the selected items (metadata, optionally the images) to a ZIP archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find similar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search for images like the first selected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy file paths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected items&apos; file paths (one a line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in file manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the folders holding the selected files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two images side by side: select two cards, or one card of two or more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::SavedView</name>
    <message>
        <source>similar to a dataset item</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n filter(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>granularity %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min. similarity %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>everything</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::SavedViewsPanel</name>
    <message>
        <source>Save view…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the current search (text, filters, entity type, granularity, anchor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset to see its saved views.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved views yet: search, then &quot;Save view…&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name for this view (%1):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::SearchView</name>
    <message>
        <source>Tile size</source>
        <translation>Taille des vignettes</translation>
    </message>
    <message>
        <source>Back to datasets (Alt+Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrich…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semantic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption: meaning of captions, labels and tags · Full text: words in them (AND, OR, -word, &quot;phrase&quot;) · Semantic: meaning, via image embeddings or word meanings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search captions, e.g. &quot;dog on a beach&quot;  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Objets</translation>
    </message>
    <message>
        <source>Granularity </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clustering granularity: 0 is the finest (most clusters), 4 the coarsest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum similarity of text matches (0 = no minimum)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min. similarity 0.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Words: cat AND (sofa OR bed) -dog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Describe what you look for: people on a beach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search captions, e.g. &quot;dog on a beach&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min. similarity: any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min. similarity %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>images like %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (region %1%, %2% — %3 × %4%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>images like a dataset item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching — %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing 1 cluster — filters: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %1 clusters — filters: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (more load as you scroll)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches. Text search looks at captions, labels and tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No objects found. Objects come from enrichment with an object detector (Enrich…); switch to Images to see the pictures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches this search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected this query: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This dataset cannot be searched right now (it is being updated): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an image to search with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected (%1 images)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vl::ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished">Raccourcis clavier</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Focus the search box (or the dataset filter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an image for visual search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+V</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste an image for visual search (in the search view)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrows, Home, End, Page Up/Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move in the results grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected dataset or cluster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview the selected cluster&apos;s first image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the dataset list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the dataset list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected dataset (asks first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the query image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag: draw a box · drag edges/corners: resize · drag inside: move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrows / Shift+Arrows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nudge the box by 1 / 10 pixels; Ctrl+Arrows resize it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc / double-click</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the box / select the whole image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+click / Shift+click / drag from a gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to the selection / select a range / rubber band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select every card shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find images similar to the first selected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare two selected images side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the selected items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected items&apos; file paths (in the grid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected files&apos; folders in the file manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ / − / 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare: zoom both images in / out / fit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::StartExportJob</name>
    <message>
        <source>start the export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::StartMediaExportJob</name>
    <message>
        <source>start the export of the selection</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::StatusIndicators</name>
    <message>
        <source>%1 — starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 request running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requests running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>retrying in %n s</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not %1 (attempt %2); trying again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::TasksModel</name>
    <message>
        <source>%1 is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::TasksPanel</name>
    <message>
        <source>Clear finished</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::TextSearchHint</name>
    <message>
        <source>captions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>object captions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>detected objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>faces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text read in the images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file and folder names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the objects and faces the engine found in the photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches, and this dataset has no captions, labels or tags yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches. Text search here looks at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrich… with %1 would add more.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::TrayIcon</name>
    <message>
        <source>VL Explorer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is ready.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::VisualSearchPane</name>
    <message>
        <source>Whole image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Visual search&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop an image here, paste one (Ctrl+V), open one (Ctrl+O), or drag a result here. Then draw a box to search for a region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading %p%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation type="unfinished">Ouvrir une image…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search with the whole image (Esc in the image)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dragged image could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still reading the previous image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large to search with (over 100 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an image this program can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching for images like the dragged result…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching for images like %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only image files from this computer can be dropped here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not an image. Drop an image file, or a result from the grid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — draw a box to search for a region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 × %3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vl::ZoomImageView</name>
    <message>
        <source>The image could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
