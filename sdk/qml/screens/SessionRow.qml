import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame.Screens

// One signed-in device of the account, as AuthClient.sessionsListed gives it:
// its name, "this device" or when it was last active, and a button to sign it out.
Frame {
    id: root

    // {"id", "device": {"name", "platform"} or null, "createdAt", "lastSeenAt", "current"}
    required property var session
    readonly property string deviceName: session.device ? session.device.name : qsTr("Unknown device")

    signal revoke(string sessionId)

    function when(timestamp) {
        UiLanguage.current  // dates follow the language
        return new Date(timestamp).toLocaleString(Qt.locale(UiLanguage.current), Locale.ShortFormat)
    }

    RowLayout {
        anchors.fill: parent
        spacing: 8

        ColumnLayout {
            spacing: 2
            Layout.fillWidth: true

            Label {
                text: root.session.device ? qsTr("%1 (%2)").arg(root.deviceName).arg(root.session.device.platform)
                                          : root.deviceName
                font.bold: true
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label {
                objectName: root.session.current ? "thisDeviceLabel" : ""
                text: root.session.current
                    ? qsTr("This device")
                    : qsTr("Last active %1").arg(root.when(root.session.lastSeenAt || root.session.createdAt))
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }

        ScreenButton {
            objectName: "revoke_" + root.session.id
            visible: !root.session.current
            text: qsTr("Sign out")
            Accessible.name: qsTr("Sign out %1").arg(root.deviceName)
            Layout.fillWidth: false
            onClicked: root.revoke(root.session.id)
        }
    }
}
