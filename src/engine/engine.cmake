# vlengine: the embedded local engine (HTTP server, catalogue, indexer, explore, enrichment, export) over
# vlanalysis and vlenrich.
find_package(SQLite3 REQUIRED)

add_library(vlengine STATIC
    ${CMAKE_CURRENT_LIST_DIR}/ApiMessage.cpp ${CMAKE_CURRENT_LIST_DIR}/ApiMessage.h
    ${CMAKE_CURRENT_LIST_DIR}/Catalogue.cpp ${CMAKE_CURRENT_LIST_DIR}/Catalogue.h
    ${CMAKE_CURRENT_LIST_DIR}/DatasetRoutes.cpp ${CMAKE_CURRENT_LIST_DIR}/DatasetRoutes.h
    ${CMAKE_CURRENT_LIST_DIR}/DatasetSnapshot.cpp ${CMAKE_CURRENT_LIST_DIR}/DatasetSnapshot.h
    ${CMAKE_CURRENT_LIST_DIR}/EngineContext.cpp ${CMAKE_CURRENT_LIST_DIR}/EngineContext.h
    ${CMAKE_CURRENT_LIST_DIR}/Enricher.cpp ${CMAKE_CURRENT_LIST_DIR}/Enricher.h
    ${CMAKE_CURRENT_LIST_DIR}/EnrichmentRoutes.cpp ${CMAKE_CURRENT_LIST_DIR}/EnrichmentRoutes.h
    ${CMAKE_CURRENT_LIST_DIR}/ExploreEngine.cpp ${CMAKE_CURRENT_LIST_DIR}/ExploreEngine.h
    ${CMAKE_CURRENT_LIST_DIR}/ExploreRequest.cpp ${CMAKE_CURRENT_LIST_DIR}/ExploreRequest.h
    ${CMAKE_CURRENT_LIST_DIR}/ExportRoutes.cpp ${CMAKE_CURRENT_LIST_DIR}/ExportRoutes.h
    ${CMAKE_CURRENT_LIST_DIR}/ExportTasks.cpp ${CMAKE_CURRENT_LIST_DIR}/ExportTasks.h
    ${CMAKE_CURRENT_LIST_DIR}/FolderScanner.cpp ${CMAKE_CURRENT_LIST_DIR}/FolderScanner.h
    ${CMAKE_CURRENT_LIST_DIR}/FullTextQuery.cpp ${CMAKE_CURRENT_LIST_DIR}/FullTextQuery.h
    ${CMAKE_CURRENT_LIST_DIR}/HttpServer.cpp ${CMAKE_CURRENT_LIST_DIR}/HttpServer.h
    ${CMAKE_CURRENT_LIST_DIR}/Indexer.cpp ${CMAKE_CURRENT_LIST_DIR}/Indexer.h
    ${CMAKE_CURRENT_LIST_DIR}/LocalEngine.cpp ${CMAKE_CURRENT_LIST_DIR}/LocalEngine.h
    ${CMAKE_CURRENT_LIST_DIR}/MediaRoutes.cpp ${CMAKE_CURRENT_LIST_DIR}/MediaRoutes.h
    ${CMAKE_CURRENT_LIST_DIR}/MediaSigner.cpp ${CMAKE_CURRENT_LIST_DIR}/MediaSigner.h
    ${CMAKE_CURRENT_LIST_DIR}/RequestAuthenticator.cpp ${CMAKE_CURRENT_LIST_DIR}/RequestAuthenticator.h
    ${CMAKE_CURRENT_LIST_DIR}/SearchRoutes.cpp ${CMAKE_CURRENT_LIST_DIR}/SearchRoutes.h
    ${CMAKE_CURRENT_LIST_DIR}/SemanticMatcher.cpp ${CMAKE_CURRENT_LIST_DIR}/SemanticMatcher.h
    ${CMAKE_CURRENT_LIST_DIR}/WordNet.cpp ${CMAKE_CURRENT_LIST_DIR}/WordNet.h
)
target_include_directories(vlengine PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(vlengine
    PUBLIC vlanalysis vlenrich vlcore Qt6::Core Qt6::Gui
    PRIVATE Qt6::Concurrent Qt6::Sql PkgConfig::HTTPLIB SQLite::SQLite3 vl_build_flags)
