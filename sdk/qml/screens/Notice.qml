import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame.Screens

// A calm yellow box with a sentence and, when `actionText` is set, a button.
Rectangle {
    id: root

    property string text
    property string actionText

    signal actionTriggered()

    implicitHeight: layout.implicitHeight + 16
    radius: 6
    color: "#fff4d6"
    border.color: "#e8c66b"
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    RowLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8

        Label {
            text: root.text
            color: "#4d3a00"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        ScreenButton {
            objectName: "noticeAction"
            visible: root.actionText.length > 0
            text: root.actionText
            Layout.fillWidth: false
            onClicked: root.actionTriggered()
        }
    }
}
