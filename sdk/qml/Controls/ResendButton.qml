import QtQuick
import QtQuick.Controls

// "Resend code", disabled with a live countdown while the server would refuse.
// Bind `secondsLeft` to AuthClient.resendIn and call resendCode() on `resend`.
Button {
    id: root

    property int secondsLeft: 0

    signal resend()

    enabled: secondsLeft <= 0
    text: secondsLeft > 0 ? qsTr("Resend code in %1 s").arg(secondsLeft) : qsTr("Resend code")
    onClicked: root.resend()
}
