import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Sesame
import Sesame.Screens

// The phone login: portrait (390×844 on a desktop), Material style, touch
// targets of at least 48 px, a back button (and the system back key) that
// walks the shared login flow's stack backwards.
ApplicationWindow {
    id: window

    required property url serverUrl

    width: 390
    height: 844
    visible: true
    title: "Sesame"
    Material.theme: Material.Light
    Material.primary: Material.Teal
    Material.accent: Material.Teal

    Component.onCompleted: {
        ScreenKit.touchTarget = 48
        ScreenKit.margin = 16
        ScreenKit.highlightedButtonText = Material.primaryHighlightedTextColor
    }

    AuthClient {
        id: auth
        objectName: "authClient"
        serverUrl: window.serverUrl
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            spacing: 0

            ToolButton {
                objectName: "backButton"
                text: "‹"
                font.pixelSize: 28
                enabled: flow.canGoBack
                opacity: enabled ? 1 : 0
                Accessible.name: qsTr("Back")
                onClicked: flow.goBack()
            }

            Label {
                text: "Sesame"
                font.bold: true
                elide: Text.ElideRight
                Layout.fillWidth: true
            }

            ToolButton {
                objectName: "languageButton"
                text: UiLanguage.current.toUpperCase()
                Accessible.name: qsTr("Language")
                onClicked: languageMenu.open()

                Menu {
                    id: languageMenu
                    y: parent.height

                    Repeater {
                        model: UiLanguage.available

                        MenuItem {
                            required property var modelData
                            text: modelData.name
                            checkable: true
                            checked: modelData.code === UiLanguage.current
                            onTriggered: UiLanguage.current = modelData.code
                        }
                    }
                }
            }
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
