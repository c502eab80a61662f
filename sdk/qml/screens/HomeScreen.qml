import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame
import Sesame.Screens

// Signed in: the shop and its plan, who is signed in (phone masked), the
// account's devices with "this device" and sign-out per device, and signing
// out here, on the other devices or everywhere.
ScreenBase {
    id: root

    // As AuthClient.sessionsListed last gave them.
    property var sessions: []

    function retry() {
        if (auth.status === AuthClient.Offline)
            auth.refreshNow()
        auth.fetchProfile()
        auth.listSessions()
    }

    screenName: "home"
    heading: auth.shop.name ?? qsTr("Your shop")
    Component.onCompleted: auth.listSessions()

    Connections {
        target: root.auth
        function onSessionsListed(sessions) { root.sessions = sessions }
        function onSessionRevoked() { root.auth.listSessions() }
        function onOtherSessionsSignedOut() { root.auth.listSessions() }
    }

    Label {
        objectName: "planLabel"
        text: qsTr("Plan: %1").arg(root.auth.shop.plan ?? "")
        Layout.fillWidth: true
        wrapMode: Text.Wrap
    }

    Label {
        objectName: "accountLabel"
        text: qsTr("Signed in as %1, %2").arg(root.auth.user.name ?? "").arg(DisplayText.maskedPhone(root.auth.user.phone ?? ""))
        Layout.fillWidth: true
        wrapMode: Text.Wrap
    }

    StorageNotice {
        auth: root.auth
        Layout.fillWidth: true
    }

    Label {
        text: qsTr("Devices signed in to this shop")
        font.bold: true
        wrapMode: Text.Wrap
        Layout.topMargin: 8
        Layout.fillWidth: true
        Accessible.role: Accessible.Heading
        Accessible.name: text
    }

    ColumnLayout {
        objectName: "sessionsList"
        spacing: 6
        Layout.fillWidth: true

        Repeater {
            model: root.sessions

            SessionRow {
                required property var modelData
                session: modelData
                Layout.fillWidth: true
                onRevoke: sessionId => root.auth.revokeSession(sessionId)
            }
        }
    }

    ScreenButton {
        objectName: "signOutOthersButton"
        visible: root.sessions.length > 1
        text: qsTr("Sign out all other devices")
        onClicked: root.auth.signOut(AuthClient.Others)
    }

    ScreenButton {
        objectName: "signOutButton"
        text: qsTr("Sign out")
        highlighted: true
        Layout.topMargin: 8
        onClicked: root.auth.signOut(AuthClient.Local)
    }

    ScreenButton {
        objectName: "signOutEverywhereButton"
        text: qsTr("Sign out everywhere")
        flat: true
        onClicked: root.auth.signOut(AuthClient.Global)
    }
}
