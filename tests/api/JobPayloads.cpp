// Documented response payloads used by tst_jobs (kept out of the moc-scanned test file).
#include "JobPayloads.h"

namespace vl::test {

// Documented dataset object (Retrieve Dataset Status).
extern const QByteArray kDatasetBody = R"({
  "id": "ad48d250-1232-11f1-8483-5a879df30de4", "display_name": "Road scenes", "description": "",
  "source_type": "BUCKET", "owned_by": "VL", "created_at": "2025-04-24T07:44:46.136915",
  "status_new": "READ ONLY", "status": "UPDATING", "progress": 42, "n_images": 1200, "n_videos": 0,
  "n_objects": -1, "fatal_error_msg": null, "source_dataset_id": null})";

extern const QByteArray kModelsBody = R"([
  {"id":"vl_image_captioner_v00","name":"VL-Image-Captioner","type":"CAPTION_IMAGES","status":"Active",
   "vendor":"VL","description":"Captions images","dependencies":null},
  {"id":"vl_object_detector_v00","name":"VL-Object-Detector","type":"OBJECT_DETECTION","status":"Active",
   "vendor":"VL","description":"Detects objects","dependencies":null},
  {"id":"vl_object_captioner_v00","name":"VL-Object-Captioner","type":"CAPTION_OBJECTS","status":"Coming Soon",
   "vendor":"Nvidia","description":"Captions objects","dependencies":["OBJECT_DETECTION"]}])";

// Documented explore answer (semantic search page) with a relative media URI as older servers send.
extern const QByteArray kExploreBody = R"({
  "clusters": [{
    "cluster_id": "d0470097-0c77-4a9c-9edf-289680df7f71", "type": "IMAGES", "n_images": 14,
    "similarity_threshold": "0", "relevance_score": 0.63, "relevance_score_type": "cosine_distance",
    "captions": ["An aerial view of a highway with multiple vehicles traveling at night."],
    "previews": [{
      "type": "IMAGE", "media_id": "300dad2c-1234-11f1-8483-5a879df30de4",
      "media_uri": "/image/300dad2c.jpg", "media_thumb_uri": "https://cdn.example.com/t/thumb.webp",
      "caption": "An aerial view", "file_name": "highway_night.jpg", "relevance_score": 0.63,
      "relevance_score_type": "cosine_distance", "width": 1920, "height": 1080}],
    "labels": null, "user_tags": null}],
  "metadata": {"used_duckdb": true}})";

extern const QByteArray kExportTaskBody = R"({"id":"5f0c1e4e-aaaa-bbbb-cccc-000000000001",
  "dataset_id":"ad48d250-1232-11f1-8483-5a879df30de4","created_at":"2025-01-20T10:00:00.000001",
  "download_uri":null,"progress":0.0,"status":"INIT","entities_count":4203,"result_message":null})";

} // namespace vl::test
