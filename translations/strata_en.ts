<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>SetListModel</name>
    <message numerus="yes">
        <source>every %n hours</source>
        <translation>
            <numerusform>every %n hour</numerusform>
            <numerusform>every %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minutes ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hours ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hours</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n days</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::BackupPanel</name>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>about %n minute left</numerusform>
            <numerusform>about %n minutes left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n hour(s) left</source>
        <translation>
            <numerusform>about %n hour left</numerusform>
            <numerusform>about %n hours left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be read and are missing from the version. First: %1</source>
        <translation>
            <numerusform>%n file could not be read and is missing from the version: %1</numerusform>
            <numerusform>%n files could not be read and are missing from the version. First: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n old version(s) removed, %1 freed.</source>
        <translation>
            <numerusform>%n old version removed, %1 freed.</numerusform>
            <numerusform>%n old versions removed, %1 freed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n old version(s) removed; their space comes back at the next clean-up.</source>
        <translation>
            <numerusform>%n old version removed; its space comes back at the next clean-up.</numerusform>
            <numerusform>%n old versions removed; their space comes back at the next clean-up.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::DiffViewer</name>
    <message numerus="yes">
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::FreeSpaceDialog</name>
    <message numerus="yes">
        <source>The rules of “%1” remove %n version(s) made on this computer:</source>
        <translation>
            <numerusform>The rules of “%1” remove %n version made on this computer:</numerusform>
            <numerusform>The rules of “%1” remove %n versions made on this computer:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About %1 of %2 comes back (%n pack(s) to delete or repack).</source>
        <translation>
            <numerusform>About %1 of %2 comes back (%n pack to delete or repack).</numerusform>
            <numerusform>About %1 of %2 comes back (%n packs to delete or repack).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removing %n version(s) and giving the space back…</source>
        <translation>
            <numerusform>Removing %n version and giving the space back…</numerusform>
            <numerusform>Removing %n versions and giving the space back…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n version(s).</source>
        <translation>
            <numerusform>Removed %n version.</numerusform>
            <numerusform>Removed %n versions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::HistoryPanel</name>
    <message numerus="yes">
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n version</numerusform>
            <numerusform>%n versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>it changed in %n</source>
        <translation>
            <numerusform>it changed in %n</numerusform>
            <numerusform>it changed in %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::MainWindow</name>
    <message numerus="yes">
        <source>%n version(s)</source>
        <translation>
            <numerusform>%n version</numerusform>
            <numerusform>%n versions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::RetentionEditor</name>
    <message numerus="yes">
        <source>All %n version(s) are kept.</source>
        <translation>
            <numerusform>The %n version is kept.</numerusform>
            <numerusform>All %n versions are kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::ScheduleEditor</name>
    <message numerus="yes">
        <source>every %n hour(s)</source>
        <translation>
            <numerusform>every %n hour</numerusform>
            <numerusform>every %n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::TimelineWidget</name>
    <message numerus="yes">
        <source>%n versions</source>
        <comment>a cluster: always more than one</comment>
        <translation>
            <numerusform>%n version</numerusform>
            <numerusform>%n versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) changed</source>
        <translation>
            <numerusform>%n file changed</numerusform>
            <numerusform>%n files changed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n version(s)</source>
        <comment>in a month</comment>
        <translation>
            <numerusform>%n version</numerusform>
            <numerusform>%n versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed by the next clean-up</source>
        <translation>
            <numerusform>%n removed by the next clean-up</numerusform>
            <numerusform>%n removed by the next clean-up</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::TrayIcon</name>
    <message numerus="yes">
        <source>%n file(s) backed up.</source>
        <translation>
            <numerusform>%n file backed up.</numerusform>
            <numerusform>%n files backed up.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::VersionBrowser</name>
    <message numerus="yes">
        <source>Searching… %n match(es) so far</source>
        <translation>
            <numerusform>Searching… %n match so far</numerusform>
            <numerusform>Searching… %n matches so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Showing the first %n matches; more are not shown. Type more of the name to narrow the search.</source>
        <translation>
            <numerusform>Showing the first %n match; more are not shown. Type more of the name to narrow the search.</numerusform>
            <numerusform>Showing the first %n matches; more are not shown. Type more of the name to narrow the search.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Restore the %n Found…</source>
        <translation>
            <numerusform>&amp;Restore the %n Found…</numerusform>
            <numerusform>&amp;Restore the %n Found…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::VersionSummary</name>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::wizard::ConflictsPage</name>
    <message numerus="yes">
        <source>Working out what the restore will do… %n file(s) so far.</source>
        <translation>
            <numerusform>Working out what the restore will do… %n file so far.</numerusform>
            <numerusform>Working out what the restore will do… %n files so far.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies) will not be restored because their names could write outside the folder.</source>
        <translation>
            <numerusform>%n entry will not be restored because its name could write outside the folder.</numerusform>
            <numerusform>%n entries will not be restored because their names could write outside the folder.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::wizard::ProgressPage</name>
    <message numerus="yes">
        <source>about %n second(s) left</source>
        <translation>
            <numerusform>about %n second left</numerusform>
            <numerusform>about %n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation>
            <numerusform>about %n minute left</numerusform>
            <numerusform>about %n minutes left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::wizard::ReportPage</name>
    <message numerus="yes">
        <source>The restore is done, but %n file(s) are damaged in the repository and could not be restored whole. Every other file was restored.</source>
        <translation>
            <numerusform>The restore is done, but %n file is damaged in the repository and could not be restored whole. Every other file was restored.</numerusform>
            <numerusform>The restore is done, but %n files are damaged in the repository and could not be restored whole. Every other file was restored.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>strata::wizard::WhatPage</name>
    <message numerus="yes">
        <source>%n file(s), %1, from %2</source>
        <translation>
            <numerusform>%n file, %1, from %2</numerusform>
            <numerusform>%n files, %1, from %2</numerusform>
        </translation>
    </message>
</context>
</TS>
