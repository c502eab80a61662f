import QtQuick

// Whole seconds down to zero, for a wait the server asked for (Retry-After).
QtObject {
    id: root

    property int secondsLeft: 0
    // "1:05"
    readonly property string text: Math.floor(secondsLeft / 60) + ":" + String(secondsLeft % 60).padStart(2, "0")
    property real deadline: 0

    function start(seconds) {
        deadline = Date.now() + Math.max(0, seconds) * 1000
        secondsLeft = Math.max(0, seconds)
    }

    property Timer ticker: Timer {
        interval: 250
        repeat: true
        running: root.secondsLeft > 0
        onTriggered: root.secondsLeft = Math.max(0, Math.ceil((root.deadline - Date.now()) / 1000))
    }
}
