# sesame_add_app(<executable> URI <QmlUri> TITLE <name> STYLE <QuickControlsStyle>
#                CATALOG <translation-catalog>)
# One login app from the Main.qml and translations/<catalog>_{en,ru}.ts in the
# calling folder. The app's QML is a static module <QmlUri> in the library
# <QmlUri>Ui, so the end-to-end tests load the very Main.qml the app does;
# main() and thisApp() are Sesame.Screens' own (sdk/qml/screens/app/).
set(SESAME_APP_SOURCES "${CMAKE_CURRENT_LIST_DIR}/../sdk/qml/screens/app")

function(sesame_add_app executable)
  cmake_parse_arguments(PARSE_ARGV 1 APP "" "URI;TITLE;STYLE;CATALOG" "")
  set(ui ${APP_URI}Ui)
  qt_add_library(${ui} STATIC)
  set_target_properties(${ui} PROPERTIES AUTOMOC ON)
  qt_add_qml_module(${ui}
    URI ${APP_URI}
    VERSION 1.0
    CLASS_NAME ${APP_URI}Plugin
    OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/qml/${APP_URI}"
    DEPENDENCIES Sesame Sesame.Screens QtQuick QtQuick.Controls QtQuick.Layouts
    SOURCES "${SESAME_APP_SOURCES}/app_spec.cpp"
    QML_FILES Main.qml)
  target_compile_definitions(${ui} PRIVATE
    SESAME_APP_TITLE="${APP_TITLE}" SESAME_APP_STYLE="${APP_STYLE}"
    SESAME_APP_URI="${APP_URI}" SESAME_APP_CATALOG="${APP_CATALOG}")
  target_link_libraries(${ui} PUBLIC Sesame::Screens)
  sesame_target_warnings(${ui})
  qt_add_translations(${ui}
    TS_FILES translations/${APP_CATALOG}_en.ts translations/${APP_CATALOG}_ru.ts
    RESOURCE_PREFIX /i18n
    LUPDATE_OPTIONS -no-obsolete)

  qt_add_executable(${executable} "${SESAME_APP_SOURCES}/app_main.cpp")
  target_compile_definitions(${executable} PRIVATE SESAME_APP_PLUGIN=${APP_URI}Plugin)
  target_link_libraries(${executable} PRIVATE
    ${ui} ${ui}plugin SesameScreensplugin SesameControlsplugin SesameSdkplugin)
  sesame_target_warnings(${executable})
endfunction()
