// Qt Quick Test runner for the QML modules Sesame and Sesame.Controls; the
// test files are the tst_*.qml next to this one.

#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(SesamePlugin)
Q_IMPORT_QML_PLUGIN(SesameControlsPlugin)

QUICK_TEST_MAIN(sesame_qml)
