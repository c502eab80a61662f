pragma Singleton
import QtQuick
import Sesame

// What every screen shares: sizes an app may tune, and which errors are
// connection trouble (a Retry may cure them) rather than a red banner.
QtObject {
    // Smallest height of anything tappable: 0 keeps the style's own (desktop);
    // the mobile app asks for 48.
    property int touchTarget: 0
    // Space around a screen's column.
    property int margin: 24
    // Widest a screen's column grows, in average characters, so lines stay
    // readable at any text size.
    property int columnCharacters: 66
    // The text of a highlighted button where the style draws it on a strong
    // colour (Material: white); transparent keeps the style's button text.
    property color highlightedButtonText: "transparent"

    function isConnectionError(error) {
        return error === SesameError.Network || error === SesameError.Timeout
            || error === SesameError.ServiceUnavailable || error === SesameError.RequestTimeout
    }
}
