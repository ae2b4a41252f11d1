# vlengine: the embedded local engine over vlanalysis and vlenrich. Its layers are folders:
#   http/    server, routes, request authentication, media signing
#   search/  explore, VQL, full text, semantic matching, dataset snapshots
#   store/   catalogue, indexer, folder scanner
#   .        the engine itself, its shared context, enrichment and export jobs
find_package(SQLite3 REQUIRED)

set(vl_engine_dir ${CMAKE_CURRENT_LIST_DIR})
function(vl_engine_sources out)
    set(files)
    foreach(name IN LISTS ARGN)
        list(APPEND files ${vl_engine_dir}/${name}.cpp ${vl_engine_dir}/${name}.h)
    endforeach()
    set(${out} ${files} PARENT_SCOPE)
endfunction()

vl_engine_sources(engine_core_sources DatasetClaims EngineContext Enricher ExportTasks LocalEngine Perceiver)
vl_engine_sources(engine_http_sources
    http/ApiMessage http/DatasetLookup http/DatasetRoutes http/EmbeddingsMapRoute http/EnrichmentRoutes http/ExportRoutes http/HttpServer
    http/MediaRoutes http/MediaSigner http/QueryNumber http/RequestAuthenticator http/SearchRoutes)
vl_engine_sources(engine_search_sources
    search/DatasetSnapshot search/EmbeddingsMap search/ExploreEngine search/ExploreFilters search/ExploreJson search/ExploreRanking
    search/ExploreRequest search/FullTextQuery
    search/FileNameWords search/ObjectVocabulary search/SemanticMatcher search/WordNet)
vl_engine_sources(engine_store_sources
    store/Catalogue store/CatalogueSchema store/FolderScanner store/Indexer store/SqliteStatement
    store/SqliteTransaction store/TagTable store/ThumbnailWriter)

add_library(vlengine STATIC
    ${engine_core_sources} ${engine_http_sources} ${engine_search_sources} ${engine_store_sources})
target_include_directories(vlengine PUBLIC
    ${vl_engine_dir} ${vl_engine_dir}/http ${vl_engine_dir}/search ${vl_engine_dir}/store)
target_link_libraries(vlengine
    PUBLIC vlanalysis vlenrich vlcore Qt6::Core Qt6::Gui
    PRIVATE Qt6::Concurrent Qt6::Sql PkgConfig::HTTPLIB SQLite::SQLite3 vl_build_flags)
