import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Sesame
import Sesame.Controls

// A whole login: AuthClient does the work, Sesame.Controls show its state.
ApplicationWindow {
    id: window
    required property url serverUrl
    readonly property var shop: auth.shop  // untyped: qmllint knows no keys of a QVariantMap
    width: 420; height: 320; visible: true; title: qsTr("Sesame login")

    AuthClient { id: auth; serverUrl: window.serverUrl }
    ColumnLayout {
        anchors { fill: parent; margins: 24 }
        PhoneField {
            visible: auth.status === AuthClient.SignedOut
            Layout.fillWidth: true
            onAccepted: auth.requestCode(e164, region, AuthClient.Auto)
        }
        CodeField {
            visible: auth.status === AuthClient.AwaitingCode
            length: auth.codeLength
            onCompleted: code => auth.verifyCode(code)
        }
        ResendButton {
            visible: auth.status === AuthClient.AwaitingCode
            secondsLeft: auth.resendIn
            onResend: auth.resendCode(AuthClient.Auto)
        }
        Label { visible: auth.status === AuthClient.SignedIn; text: qsTr("Signed in to shop %1").arg(window.shop.id) }
        Button {
            visible: auth.status === AuthClient.SignedIn
            text: qsTr("Sign out")
            onClicked: auth.signOut(AuthClient.Local)
        }
        ErrorBanner { text: auth.lastErrorText; Layout.fillWidth: true }
    }
}
