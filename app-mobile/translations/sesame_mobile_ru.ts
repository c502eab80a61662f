<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Main</name>
    <message>
        <location filename="../Main.qml" line="47"/>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <location filename="../Main.qml" line="61"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
</context>
</TS>
