import QtQuick
import Sesame
import Sesame.Screens

// Why this device will not remember the sign-in: its keychain is missing or
// locked. The app still works; only the next start asks for a code again.
Notice {
    required property AuthClient auth

    objectName: "storageNotice"
    visible: auth.storageStatus === AuthClient.Unavailable || auth.storageStatus === AuthClient.Denied
    text: auth.storageStatus === AuthClient.Denied
        ? qsTr("The keychain of this device is locked or refused access, so Sesame cannot remember that you signed in. Unlock it and restart Sesame, or sign in again next time.")
        : qsTr("This device has no keychain for Sesame to keep your sign-in in. You can sign in, but you will need a new code every time you start Sesame.")
}
