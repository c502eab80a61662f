<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CodeField</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
</context>
<context>
    <name>PhoneField</name>
    <message>
        <source>Country or region code</source>
        <translation>Country or region code</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
</context>
<context>
    <name>ResendButton</name>
    <message>
        <source>Resend code in %1 s</source>
        <translation>Resend code in %1 s</translation>
    </message>
    <message>
        <source>Resend code</source>
        <translation>Resend code</translation>
    </message>
</context>
</TS>
