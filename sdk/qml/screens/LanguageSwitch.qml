import QtQuick
import QtQuick.Layouts
import Sesame.Screens

// Picks the language of the whole app; each language named in itself.
ScreenComboBox {
    id: control

    objectName: "languageSwitch"
    model: UiLanguage.available
    textRole: "name"
    valueRole: "code"
    currentIndex: UiLanguage.available.findIndex(language => language.code === UiLanguage.current)
    // Wide enough for the longest name at the current text size.
    implicitWidth: Math.max(...UiLanguage.available.map(language => nameMetrics.advanceWidth(language.name)))
                   + leftPadding + rightPadding + 8
    Layout.fillWidth: false
    Accessible.name: qsTr("Language")
    onActivated: UiLanguage.current = currentValue

    FontMetrics {
        id: nameMetrics
        font: control.font
    }
}
