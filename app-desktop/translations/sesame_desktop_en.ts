<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Main</name>
    <message>
        <location filename="../Main.qml" line="19"/>
        <source>%1 – Sesame</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
