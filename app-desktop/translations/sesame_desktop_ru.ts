<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>Main</name>
    <message>
        <location filename="../Main.qml" line="19"/>
        <source>%1 – Sesame</source>
        <translation>%1 – Sesame</translation>
    </message>
</context>
</TS>
