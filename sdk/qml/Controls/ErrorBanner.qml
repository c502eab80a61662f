import QtQuick
import QtQuick.Controls

// A sentence about what went wrong, e.g. AuthClient.lastErrorText; hidden
// while there is none.
Rectangle {
    id: root

    property string text

    visible: text.length > 0
    implicitWidth: label.implicitWidth + 24
    implicitHeight: label.implicitHeight + 16
    radius: 6
    color: "#fdecea"
    border.color: "#f1aeb5"
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    Label {
        id: label
        anchors.fill: parent
        anchors.margins: 8
        text: root.text
        wrapMode: Text.Wrap
        color: "#58151c"
    }
}
