import QtQuick
import QtTest
import Sesame

TestCase {
    name: "SesameModule"

    AuthClient {
        id: client
    }

    PhoneInput {
        id: phone
        region: "KZ"
    }

    function init() {
        phone.region = "KZ"
        phone.clear()
    }

    function test_authClientStartsSignedOut() {
        compare(client.status, AuthClient.SignedOut)
        compare(client.lastError, SesameError.None)
        compare(client.lastErrorText, "")
        compare(client.storageStatus, AuthClient.Unknown)
        compare(client.resendIn, 0)
        compare(client.attemptsLeft, -1)
        compare(Object.keys(client.user).length, 0)
    }

    function test_misuseIsAnError() {
        client.verifyCode("123456")
        compare(client.status, AuthClient.SignedOut)
        compare(client.lastError, SesameError.InvalidState)
        verify(client.lastErrorText.length > 0)
    }

    function test_tokensAreNotReachable() {
        compare(client.refreshToken, undefined)
        compare(client.accessToken, undefined)
    }

    function test_phoneInputFormatsAsTyped() {
        phone.edit("87001234567", 11)
        compare(phone.text, "8 700 123 4567")
        compare(phone.cursorPosition, phone.text.length)
        compare(phone.e164, "+77001234567")
        verify(phone.acceptable)
    }

    function test_caretStaysAfterItsDigit() {
        phone.edit("870012", 3)
        verify(phone.text !== "870012")
        compare(phone.text.slice(0, phone.cursorPosition).replace(/[^0-9]/g, ""), "870")
        verify(!phone.acceptable)
        compare(phone.e164, "")
    }

    function test_regionChangeReformats() {
        phone.edit("+77001234567", 12)
        compare(phone.e164, "+77001234567")
        phone.region = "us"
        compare(phone.region, "US")
        compare(phone.e164, "+77001234567")
        phone.edit("2015550123", 10)
        compare(phone.e164, "+12015550123")
        phone.region = "ZZ"
        compare(phone.region, "")
        verify(!phone.acceptable)
    }

    function test_hostileInput_data() {
        return [
            { tag: "letters", input: "abc", cursor: 2 },
            { tag: "control characters", input: "\u0000\u0007\n", cursor: 1 },
            { tag: "arabic digits", input: "٨٧٠٠١٢٣٤٥٦٧", cursor: 5 },
            { tag: "cursor out of range", input: "8700", cursor: -40 },
            { tag: "pasted novel", input: "7".repeat(5000), cursor: 9999 },
        ]
    }

    function test_hostileInput(data) {
        phone.edit(data.input, data.cursor)
        verify(phone.text.length <= 32, phone.text)
        verify(phone.cursorPosition >= 0 && phone.cursorPosition <= phone.text.length)
        verify(/^[0-9+ ()\-.]*$/.test(phone.text), phone.text)
        verify(!phone.acceptable)
    }
}
