<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CodeField</name>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
</context>
<context>
    <name>PhoneField</name>
    <message>
        <source>Country or region code</source>
        <translation>Код страны или региона</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Номер телефона</translation>
    </message>
</context>
<context>
    <name>ResendButton</name>
    <message>
        <source>Resend code in %1 s</source>
        <translation>Отправить код повторно через %1 с</translation>
    </message>
    <message>
        <source>Resend code</source>
        <translation>Отправить код повторно</translation>
    </message>
</context>
</TS>
