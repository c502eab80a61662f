import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame
import Sesame.Screens

// The desktop login: a resizable window with the shared login flow, driven
// from the keyboard (Enter submits, Esc goes back, Tab walks the fields).
ApplicationWindow {
    id: window

    required property url serverUrl

    width: 900
    height: 680
    minimumWidth: 420
    minimumHeight: 480
    visible: true
    title: flow.title ? qsTr("%1 – Sesame").arg(flow.title) : "Sesame"

    AuthClient {
        id: auth
        objectName: "authClient"
        serverUrl: window.serverUrl
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 12

            Label {
                text: "Sesame"
                font.bold: true
                Layout.fillWidth: true
            }

            LanguageSwitch {}
        }
    }

    LoginFlow {
        id: flow
        objectName: "loginFlow"
        anchors.fill: parent
        auth: auth
        focus: true
    }
}
