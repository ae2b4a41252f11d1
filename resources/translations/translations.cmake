# The user interface's translations (included by ui/sources.cmake once vlui exists).
# lupdate extracts the tr() strings of the desktop app, its models and service layer into the .ts files here
# (`cmake --build --preset dev --target update_translations`, then translate with Qt Linguist); lrelease
# compiles them at build time and the .qm files are embedded in vlui as :/i18n/vl-explorer_<lang>.qm
# (vl::Translations loads them), so there is nothing to install on any platform.
find_package(Qt6 REQUIRED COMPONENTS LinguistTools)

file(GLOB vl_translated_sources CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h
     ${PROJECT_SOURCE_DIR}/src/models/*.cpp ${PROJECT_SOURCE_DIR}/src/models/*.h
     ${PROJECT_SOURCE_DIR}/src/api/*.cpp ${PROJECT_SOURCE_DIR}/src/api/*.h
     ${PROJECT_SOURCE_DIR}/src/core/*.cpp ${PROJECT_SOURCE_DIR}/src/core/*.h
     ${PROJECT_SOURCE_DIR}/app/vl-explorer/*.cpp)
qt_add_translations(vlui
    TS_FILES ${CMAKE_CURRENT_LIST_DIR}/vl-explorer_de.ts ${CMAKE_CURRENT_LIST_DIR}/vl-explorer_fr.ts
    SOURCES ${vl_translated_sources}
    RESOURCE_PREFIX /i18n
    # No line numbers in the .ts files: moving code must not change them.
    LUPDATE_OPTIONS -locations none -no-obsolete)
