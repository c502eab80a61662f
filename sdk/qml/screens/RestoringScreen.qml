import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// While the stored session is read and the account looked up.
ScreenBase {
    screenName: "restoring"
    heading: qsTr("Opening your shop")
    description: qsTr("Checking whether this device is still signed in…")

    BusyIndicator {
        objectName: "restoringIndicator"
        running: true
        Layout.alignment: Qt.AlignHCenter
        Accessible.name: qsTr("Loading")
    }
}
