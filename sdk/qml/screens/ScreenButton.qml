import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame.Screens

// A button on a screen: as wide as the column, at least a touch target high,
// its text wrapping rather than cut off.
Button {
    id: control

    Layout.fillWidth: true
    Layout.minimumHeight: ScreenKit.touchTarget
    contentItem: ButtonText {
        button: control
    }
}
