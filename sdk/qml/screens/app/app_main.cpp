// main() of one login app: `<app> [--server URL] [--lang en|ru] [--text-scale 1..3]`.
#include "app_launcher.h"

#include <QtQml/qqmlextensionplugin.h>

// Q_IMPORT_QML_PLUGIN pastes its argument; this indirection expands
// SESAME_APP_PLUGIN (set by sesame_add_app()) first.
#define SESAME_IMPORT_QML_PLUGIN(plugin) Q_IMPORT_QML_PLUGIN(plugin)

Q_IMPORT_QML_PLUGIN(SesamePlugin)
Q_IMPORT_QML_PLUGIN(SesameControlsPlugin)
Q_IMPORT_QML_PLUGIN(SesameScreensPlugin)
SESAME_IMPORT_QML_PLUGIN(SESAME_APP_PLUGIN)

int main(int argc, char** argv) { return sesame::screens::runApp(argc, argv, sesame::screens::thisApp()); }
