<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AddTasksDialog</name>
    <message>
        <source>Add Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, e.g. the job these tasks belong to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task &amp;IDs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no connection yet: add one under Connection ▸ Manage Connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not task IDs (%1); fix or remove them to continue:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least one task ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates merged: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too large to be a list of task IDs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Task IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task ID lists (*.txt *.csv *.tsv *.log);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library level (clear history)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Drop Invalid Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove everything that is not a task ID or a range</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n already watched.</source>
        <translation>
            <numerusform>%n already watched.</numerusform>
            <numerusform>%n already watched.</numerusform>
        </translation>
    </message>
    <message>
        <source>Task IDs separated by commas, spaces or new lines; ranges like 100-120; rows copied from the task table.
You can also drop a text or CSV file here. %1 adds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add these tasks (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import from File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) to add.</source>
        <translation>
            <numerusform>%Ln task to add.</numerusform>
            <numerusform>%Ln tasks to add.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchItemsView</name>
    <message>
        <source>&amp;Failed only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Failed &amp;Paths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport Items…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter items: path, error…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln item(s) shown</source>
        <translation>
            <numerusform>%1 of %Ln item shown</numerusform>
            <numerusform>%1 of %Ln items shown</numerusform>
        </translation>
    </message>
    <message>
        <source>the failed paths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the items to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Campaign</name>
    <message>
        <source>Nothing was sent: the task ledger could not record the campaign&apos;s step (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The campaign was cancelled before this library&apos;s clear was sent: nothing was cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started: the campaign was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started: the monitor running the campaign stopped first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor running the campaign stopped before this library&apos;s clear was claimed: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Putting the file history settings back was sent, and the monitor stopped before the answer came: check them in History &amp; Cleanup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>Clear Historical Versions in Several Libraries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn file history off first where it is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the previous settings when each clear has finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Libraries at once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;ncel Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No further library starts; a library whose clear has not been sent yet stops before it. Clears already sent are tracked to their end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>in %n s</source>
        <translation>
            <numerusform>in %n s</numerusform>
            <numerusform>in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last campaign stopped before it was done (its monitor was closed or stopped); nothing was sent again. Left undone: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>On: %n version(s), %1 days, merge %2 s</source>
        <translation>
            <numerusform>On: %n version, %1 days, merge %2 s</numerusform>
            <numerusform>On: %n versions, %1 days, merge %2 s</numerusform>
        </translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an admin token: it will be refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;Every historical version of every file in the %n chosen library(s) will be deleted and its space released.&lt;/p&gt;&lt;p&gt;&lt;b&gt;This cannot be undone.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;Every historical version of every file in the chosen library will be deleted and its space released.&lt;/p&gt;&lt;p&gt;&lt;b&gt;This cannot be undone.&lt;/b&gt;&lt;/p&gt;</numerusform>
            <numerusform>&lt;p&gt;Every historical version of every file in the %n chosen libraries will be deleted and its space released.&lt;/p&gt;&lt;p&gt;&lt;b&gt;This cannot be undone.&lt;/b&gt;&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Type the number of libraries, %1, to confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Clear %n Library(s)</source>
        <translation>
            <numerusform>&amp;Clear %n Library</numerusform>
            <numerusform>&amp;Clear %n Libraries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>File history is on in %n of them: they will be refused unless it is turned off first.</source>
        <translation>
            <numerusform>File history is on in %n of them: it will be refused unless it is turned off first.</numerusform>
            <numerusform>File history is on in %n of them: they will be refused unless it is turned off first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n library(s) done</source>
        <translation>
            <numerusform>%1 of %n library done</numerusform>
            <numerusform>%1 of %n libraries done</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 freed so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Started %1 by %2; at most %n library(s) at once.</source>
        <translation>
            <numerusform>Started %1 by %2; one library at a time.</numerusform>
            <numerusform>Started %1 by %2; at most %n libraries at once.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left undone when the monitor running the campaign stopped: %1. Nothing was sent again; start a new campaign for them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignLedger</name>
    <message>
        <source>The campaign&apos;s library is not in the ledger.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignLibrary</name>
    <message numerus="yes">
        <source>Waiting for SMH&apos;s minute (%n s)</source>
        <translation>
            <numerusform>Waiting for SMH&apos;s minute (%n s)</numerusform>
            <numerusform>Waiting for SMH&apos;s minute (%n s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clearing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking the task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleared; file history still off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: not an admin token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused, nothing cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted, not tracked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left undone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignModel</name>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignSummary</name>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Campaigns</name>
    <message>
        <source>The monitor is closing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task ledger is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no connection with ID %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No library was chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the task ledger could not record the campaign (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CleanupListModel</name>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CleanupRecord</name>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent, no answer yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused, nothing cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted, task unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CleanupReportExport</name>
    <message>
        <source>Export Cleanup Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saved a report of %n clear(s) to %1.</source>
        <translation>
            <numerusform>Saved a report of %n clear to %1.</numerusform>
            <numerusform>Saved a report of %n clears to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClearHistoryDialog</name>
    <message>
        <source>Clear Historical Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Every historical version of every file in library &lt;b&gt;%1&lt;/b&gt; will be deleted and its space released.&lt;/p&gt;&lt;p&gt;&lt;b&gt;This cannot be undone.&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history is on for this library. It must be turned off before its historical versions can be cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn file history off first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the previous settings when the clear has finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the library ID &lt;b&gt;%1&lt;/b&gt; to confirm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear Historical Versions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClearJob</name>
    <message>
        <source>Clearing historical versions needs an admin token (one minted with the admin grant, or a library secret): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credentials were refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>SMH accepts one clear of historical versions a minute per library and refused this one (%1). Try again in %n s; nothing is retried on its own.</source>
        <translation>
            <numerusform>SMH accepts one clear of historical versions a minute per library and refused this one (%1). Try again in %n s; nothing is retried on its own.</numerusform>
            <numerusform>SMH accepts one clear of historical versions a minute per library and refused this one (%1). Try again in %n s; nothing is retried on its own.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history is on for library %1: it must be turned off before its historical versions can be cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor is closing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the task ledger could not record the change to file history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change turning file history off may have been applied (%1); the clear was not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was cleared: the task ledger could not record the clear before sending it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clear of library %1 was sent at %2, but no complete answer came back (%3): SMH may have accepted it. It counts as a clear, and nothing is sent again. Look at the library&apos;s usage in a few minutes, or give Tencent Cloud support the library ID and this time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history of library %1 is OFF: it was turned off for this clear. Overwritten files keep no versions until it is turned back on (History &amp; Cleanup, or history set --enable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMH accepted the clear (HTTP %1), but its task ID could not be read (%2): the clear runs, and its progress cannot be followed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear historical versions, started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clear was accepted as task %1, but the ledger could not record it%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Putting file history back was sent; no answer was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history was turned back on with its previous settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history of library %1 is OFF: it could not be turned back on (%2). Overwritten files keep no versions until it is turned on again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turning file history of library %1 back on may have been applied (%2): check it in History &amp; Cleanup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Library Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library-level tasks (no space in the URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep tokens and secrets in a private file (only your user account can read it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Production archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the library&apos;s own host, https://&lt;library ID&gt;.api.tencentsmh.cn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>- for a single-tenant library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library secret (tokens are minted and renewed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: extra CA certificates (PEM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Library ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Space ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;uthentication:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Less safe than a keychain: anyone who can read your files (a backup, an administrator) can read them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA Certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the library secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token contains spaces or line breaks: paste it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library secret contains spaces or line breaks: paste it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another connection already watches this library and space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library &amp;secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set yet: polling waits for a token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set yet: polling waits for the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the keychain; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the problems above first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the token or secret to test with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing… (gives up after %1 s without an answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: the server did not accept the credentials (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the library secret was accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the library answered and the token was accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SMH API base URL. Leave empty for the library&apos;s own host, https://&lt;library ID&gt;.api.tencentsmh.cn, as the SMH SDKs recommend. HTTPS is required except for local test servers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (the library&apos;s own host)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionHealth</name>
    <message>
        <source>%1: the server refused the credentials (%2). Update them under Connection ▸ Manage Connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no access token or library secret is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2; retrying in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks being polled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2. Polling stopped; edit the connection under Connection ▸ Manage Connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: polled by another monitor (%2); its answers are shown here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionProfiles</name>
    <message>
        <source>The secret of &quot;%1&quot; was not saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection &quot;%1&quot; could not be saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection &quot;%1&quot; could not be removed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available to keep the secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; was not saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; was removed, but its secret could not be deleted: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionSettings</name>
    <message>
        <source>No endpoint is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library ID is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library ID contains spaces or control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a library ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The space ID is empty (use &quot;-&quot; for a single-tenant library).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The space ID contains spaces or control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a space ID (use &quot;-&quot; for a single-tenant library).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user ID contains spaces or control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA certificate file &quot;%1&quot; cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CopyableField</name>
    <message>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoSetup</name>
    <message>
        <source>The demo server could not listen on 127.0.0.1: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo library %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ElidedLabel</name>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Endpoint</name>
    <message>
        <source>The endpoint is empty. Use %1 or your library&apos;s own host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL. Write it like %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain HTTP would send the access token unencrypted: use https:// (http:// is accepted only for 127.0.0.1, ::1 and localhost).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint must start with https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint must not contain a user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint must not contain a query (?...) or fragment (#...).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPath</name>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Cannot write &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterSidebar</name>
    <message>
        <source>State filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each number is how many tasks picking the entry would show, with the filter box and the other list as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FleetCommand</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: a library named has no credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed: clearing historical versions is irreversible; pass --yes to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deletes every historical version of these libraries and cannot be undone: %1. Type how many libraries that is to go on: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: authentication failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: gave up after %2 failed attempts: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 freed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign %1 (started %2 by %3) was interrupted: what it sent is tracked and never sent again; what it left undone is cleared now where it is named again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign %1: %2 libraries, at most %3 at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROFILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIBRARY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TASK ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DELETED VERSIONS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USAGE BEFORE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USAGE AFTER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FREED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DETAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left undone, nothing sent for them: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an admin token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credentials refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history set changes one library at a time: name it with a single --profile or --library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; is named twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--all and --profile exclude each other: --all is every saved profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history clear does not take --all: name each library to clear with --profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the libraries with --profile (once for each), or use --all with history show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--parallel needs a whole number from 1 to %1, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 does not apply to several libraries: each profile brings its own connection and credential.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 belongs to history set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--no-wait is for one library: a clear of several is followed to its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 belongs to history clear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profiles saved yet: add one with &quot;smh-task-monitor profile add NAME --library ID&quot;, or in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; and &quot;%2&quot; are the same profile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; and &quot;%2&quot; are the same library %3: a clear is of the whole library, name it once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credentials cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token or secret is stored for this profile: save one with &quot;profile add&quot; or in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaign %1 (started %2 by %3) was interrupted; left undone: %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HISTORY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VERSIONS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MERGE (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USAGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LAST CLEAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEXT CLEAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping campaign %1: no new library starts, and a clear under way stops before its next irreversible call; what was sent is followed to its end. Press Ctrl+C again to stop at once (the next run picks it up).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadlessRunner</name>
    <message>
        <source>No task IDs given. Pass them as arguments (10,12,13 or 100-120), with --ids-file FILE, or as - to read standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gave up: --timeout reached with tasks still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authentication failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gave up after %1 failed attempts: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (attempt %2 of %3, retrying)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TASK ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SOURCE INODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TARGET INODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PATH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>configuration error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot record the tasks in the ledger (exit code 2 at the end; the tasks are watched in memory only): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s): %1</source>
        <translation>
            <numerusform>%Ln task: %1</numerusform>
            <numerusform>%Ln tasks: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot write the results to standard output: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryChange</name>
    <message>
        <source>the %1 reply is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the library-history reply has a field of the wrong type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of versions to keep must be between %1 and %2, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The days to keep versions must be between 0 (never expire) and %1, not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merge interval must be 0 or between %1 and %2 seconds, not %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turning file history on for the first time needs the number of versions and the days to keep them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the usage reply has no byte count in totalFileSize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the space size reply has no byte count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the clear was accepted but no taskId came back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryCommand</name>
    <message>
        <source>--%1 needs a whole number, not &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history set: turn file history on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history set: turn file history off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history set: versions kept per file (1-999).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history set: days versions are kept (0-999, 0 = never expire).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history set: seconds within which saves merge into one version (0 or 5-600).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history clear: yes, delete every historical version of the library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history clear: turn file history off first when it is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history clear: print the task ID and exit without watching it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--enable and --disable contradict each other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--enable, --disable, --count, --expire-days and --merge-interval belong to history set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gave up: --timeout reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days kept (0 = never expire)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge interval (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SETTING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMH&apos;s usage figures can lag well behind under load.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history settings sent; a change can take about a minute to apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This deletes every historical version of library %1 and cannot be undone. Type the library ID to go on: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed: clearing historical versions of library %1 is irreversible; pass --yes to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed; pass --disable-history to turn it off first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>authentication failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gave up after %1 failed attempts: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TASK ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DELETED VERSIONS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USAGE BEFORE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USAGE AFTER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FREED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history was turned off for it and may still be off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history report: only clears started on or after this ISO 8601 date or time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history needs show, set, clear or report, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--since needs an ISO 8601 date such as 2026-01-31 or 2026-01-31T08:00:00Z, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history report writes csv or json, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the task ledger: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the report: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several libraries: history show --all (every saved profile) or --profile A --profile B; history clear --profile A --profile B ... --yes runs a cleanup campaign, at most --parallel libraries at once, with --output jsonl a JSON line per library and step. Run again after a crash, it follows the interrupted campaign and never sends a clear twice.

Exit codes: 0 done; 1 a clear&apos;s task failed; 2 usage or input error, or refused for it (file history on without --disable-history, no credential); 3 task not found; 4 authentication failed or not an admin token; 5 gave up (unreachable, --timeout, rate limited, left undone); 6 an undocumented status; 7 a clear&apos;s outcome is unknown. Of several libraries, the worst in this order: 7, 2, 4, 5, 1, 6, 3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history show: every saved profile, side by side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history show --all, and clear of several profiles: libraries at once (1-%1, default %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>history clear of several profiles: put each library&apos;s file history settings back once its clear has finished.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryLedger</name>
    <message>
        <source>A clear of library %1 is under way already, started %2 by %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>SMH accepts one clear of historical versions a minute per library; the next one may be sent in %n s.</source>
        <translation>
            <numerusform>SMH accepts one clear of historical versions a minute per library; the next one may be sent in %n s.</numerusform>
            <numerusform>SMH accepts one clear of historical versions a minute per library; the next one may be sent in %n s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was sent: the task ledger could not record the clear before sending it (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor that sent this clear stopped before SMH&apos;s answer was recorded: it may have been accepted. Look at the library&apos;s usage and file history, or ask Tencent Cloud support, before clearing again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor that started this clear stopped before sending it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2@%3, pid %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryService</name>
    <message>
        <source>no such connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor is closing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history settings restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history settings could not be restored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the task ledger could not record the change to file history (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the change may have been applied: read the settings again before changing them once more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no earlier file history settings to put back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Putting file history back was sent; no answer was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was sent: the task ledger could not record the change to file history.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Keep historical versions of files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History &amp; Cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMH&apos;s usage figures can lag well behind, so freed space may show only some time after a clear has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Versions kept per file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep versions for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no merging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge saves within:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change can take about a minute to apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading usage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading and changing these settings needs an admin token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history is off: no historical versions are being kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent. A change can take about a minute to apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library usage needs an admin token: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(read %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear Historical Versions… (%1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear Historical Versions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the clear…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started as task %1; it is tracked in the task list and listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Turn File History Back On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A clear of this library is under way…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history of this library may still be off: it was turned off for a clear whose outcome is unknown (%1). Overwritten files keep no versions until it is turned back on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history of this library may still be off: it was turned off for a clear that did not happen (%1). Overwritten files keep no versions until it is turned back on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File history was turned back on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File &amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clea&amp;nups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no connection yet: add one under Connection ▸ Manage Connections.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>library %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History &amp; Cleanup — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceGuard</name>
    <message>
        <source>This is not a request of SMH Task Monitor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open window belongs to another version of SMH Task Monitor; close it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is larger than %1 MiB and was not read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is longer than it says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window is closing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a process that has ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>process %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger %1 is open in a window of SMH Task Monitor (%2) that does not answer; close that window or end the process, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The socket %1 belongs to another user; nothing was sent to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is too large to hand to the open window (over %1 MiB); add the tasks there from a file instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window that has the ledger open (%1) did not answer within %2 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open window refused the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The open window answered in a way this version does not understand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window does not hold the ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later launches cannot hand their tasks to this window: the socket %1 cannot be created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LaunchRequest</name>
    <message>
        <source>&quot;%1&quot; is not text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is not a map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request is of another version of SMH Task Monitor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a short list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; holds something other than short text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerLocation</name>
    <message>
        <source>The ledger &quot;%1&quot; is not a PostgreSQL URL of the form postgresql://user@host:port/database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger&apos;s URL may only name sslmode in its query, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This installation cannot reach a PostgreSQL ledger: Qt&apos;s PostgreSQL driver is missing (Debian and Ubuntu: install libqt6sql6-psql).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger&apos;s URL must not carry a password: give it in PGPASSWORD or ~/.pgpass instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerLocationDialog</name>
    <message>
        <source>Ledger Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the window and the commands (watch, query, history, profile) keep their ledger when no --ledger is given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This c&amp;omputer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A &amp;team database (PostgreSQL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from PGPASSWORD, ~/.pgpass or the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the password in the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;SSL mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is looked for in PGPASSWORD, then ~/.pgpass, then the keychain; it is never saved in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test &amp;Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. This window already uses that ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. The commands use %1 from now on; this window keeps %2 until it starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerPasswordJob</name>
    <message>
        <source>the keychain did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerProbe</name>
    <message>
        <source>The server refused the password of user &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks for a password and none was found: type it here, or keep it in PGPASSWORD or ~/.pgpass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 has no database &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host &quot;%1&quot; is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 cannot be reached (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected. The database is empty: the first monitor to start sets up the ledger there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected, but the database holds other tables and no task ledger: give the ledger a database of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected, but the ledger was written by a newer version of SMH Task Monitor (schema %1, this version knows %2): update this program first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: a task ledger this version can use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The server did not answer within %n second(s).</source>
        <translation>
            <numerusform>The server did not answer within %n second.</numerusform>
            <numerusform>The server did not answer within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LedgerSetting</name>
    <message>
        <source>The ledger location saved in %1 cannot be used: %2 Choose it again in the window (File &gt; Ledger Location…) or give --ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger location cannot be saved in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database&apos;s URL is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A team database is given as postgresql://user@host:port/database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database needs a host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database needs a database name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database needs a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host is not a valid host name or address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The URL must not carry a password: it would be saved in the settings file. Keep it in the keychain, in PGPASSWORD or in ~/.pgpass instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LedgerWaitWindow</name>
    <message>
        <source>Retry Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team ledger unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your tasks open here as soon as the ledger answers; nothing is polled meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the team ledger at %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team ledger at %1 cannot be reached: %2. Trying again now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team ledger at %1 cannot be reached: %2. Retrying in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibrariesModel</name>
    <message>
        <source>Campaign: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an admin token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No merging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the running clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings and usage read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not read from SMH since the monitor started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usage read yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library: %1, read %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last %n reading(s): from %1 to %2</source>
        <translation>
            <numerusform>Last reading: %1</numerusform>
            <numerusform>Last %n readings: from %1 to %2</numerusform>
        </translation>
    </message>
    <message>
        <source>SMH accepts one clear a minute per library.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last cleanup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next clear</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibrariesView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History &amp;&amp; Cleanup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean &amp;Up Selected Libraries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: library, space, status… (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh Libraries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the selected libraries (all when none is selected) from SMH now (%1); a library read in the last half minute is not read again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the historical versions of every selected library, in one guarded campaign (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings, storage and cleanups of the current library (Enter or double click)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every library asked for was read a moment ago.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connections yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n library(ies)</source>
        <translation>
            <numerusform>%1 of %n library</numerusform>
            <numerusform>%1 of %n libraries</numerusform>
        </translation>
    </message>
    <message>
        <source>reading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LibraryFilterModel</name>
    <message>
        <source>All libraries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection: its library and space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the last read of the library&apos;s settings and usage came to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the library keeps historical versions of files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions kept per file (1–999)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days a version is kept (0: it never expires)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge interval: saves within it make one version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library&apos;s storage as last read (SMH&apos;s figures lag behind)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last readings of the library&apos;s storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the library&apos;s historical versions were last cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What became of the last clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions deleted by the last clear, when SMH told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage the last clear freed: usage before less usage after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When SMH accepts the next clear of the library</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n row(s) copied.</source>
        <translation>
            <numerusform>%n row copied.</numerusform>
            <numerusform>%n rows copied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) removed.</source>
        <translation>
            <numerusform>%n task removed.</numerusform>
            <numerusform>%n tasks removed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Asking SMH again about %n task(s)…</source>
        <translation>
            <numerusform>Asking SMH again about %n task…</numerusform>
            <numerusform>Asking SMH again about %n tasks…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to %1.</source>
        <translation>
            <numerusform>Saved %n row to %1.</numerusform>
            <numerusform>Saved %n rows to %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Demo: embedded SMH simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: ID, path, inode, note… (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode: embedded SMH simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks come from a simulator on 127.0.0.1; nothing is sent to Tencent Cloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Tasks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch more task IDs (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import IDs from File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Visible Rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the rows shown as CSV or JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop watching the selected tasks (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-&amp;check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask SMH again about the selected finished tasks (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Manage Connections…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Poll Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask SMH about every unfinished task now (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polling now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ause Polling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polling paused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polling resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About SMH Task Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About SMH Task Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;SMH Task Monitor %1&lt;/h3&gt;&lt;p&gt;Watches Tencent Cloud Smart Media Hosting asynchronous tasks: polls their status, keeps a ledger of every change and tells you when they finish.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filters Sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details Pane</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;State Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When Tasks &amp;Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only When Tasks &amp;Fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks belong to an SMH library: add a connection to it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Task IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task ID lists (*.txt *.csv *.tsv *.log);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets are kept for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept for this session; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the private file; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They leave the list and the ledger; nothing changes on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tasks could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Visible Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume Polling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Tasks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens a second window that watches tasks on a simulator on this computer; nothing is sent to Tencent Cloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No task matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tasks are watched yet.
Tasks belong to an SMH library: add a connection to it, or try the monitor on a built-in simulator first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tasks are watched yet.
Add task IDs, or drop a file of IDs here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the demo in a new window…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for task %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens and library secrets are kept in the desktop keychain, never in settings, the task ledger or exports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain answered: tokens and library secrets are kept in a private file only your user account can read (%1), never in settings, the task ledger or exports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain answered: tokens and library secrets are kept in memory for this session only, never in settings, the task ledger or exports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move between the filter box, sidebar, table and details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move within the table or a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the filter box (again: back to the table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit it in place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tasks could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History &amp;&amp; Cleanup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding tasks: %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 task IDs were saved; the rest could not be: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln task</numerusform>
            <numerusform>%Ln tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln task(s) shown</source>
        <translation>
            <numerusform>%1 of %Ln task shown</numerusform>
            <numerusform>%1 of %Ln tasks shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) added.</source>
        <translation>
            <numerusform>%Ln task added.</numerusform>
            <numerusform>%Ln tasks added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already watched.</source>
        <translation>
            <numerusform>%Ln already watched.</numerusform>
            <numerusform>%Ln already watched.</numerusform>
        </translation>
    </message>
    <message>
        <source>The filter hides them: clear it (Escape in the filter) to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Stop watching %Ln task(s)?</source>
        <translation>
            <numerusform>Stop watching %Ln task?</numerusform>
            <numerusform>Stop watching %Ln tasks?</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (when the %2 has the focus)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (where it has the focus)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Cleanup Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Removing %1 also stops watching its %Ln task(s). Nothing changes on the server.</source>
        <translation>
            <numerusform>Removing %1 also stops watching its %Ln task. Nothing changes on the server.</numerusform>
            <numerusform>Removing %1 also stops watching its %Ln tasks. Nothing changes on the server.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear &amp;Several Libraries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Libraries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ledger Location…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor could not be started again; start it yourself to use the new ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This waits until the ledger answers again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonitorOptions</name>
    <message>
        <source>Cannot read the %1 file &quot;%2&quot;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 file &quot;%2&quot; is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 file &quot;%2&quot; is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>url</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media library ID (env SMH_LIBRARY_ID).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant space ID; &quot;-&quot; for a single-tenant library (default; env SMH_SPACE_ID).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Query without a space ID (/api/v1/task/{LibraryId}/{TaskIdList}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User ID sent with each query (env SMH_USER_ID).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the access token from this file (or env SMH_ACCESS_TOKEN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the library secret from this file (or env SMH_LIBRARY_SECRET) and mint tokens from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also trust the CA certificates in this PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base poll interval in seconds (default 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest poll interval in seconds (default 60).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>watch: give up after this many seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output format: text, json or jsonl (default text).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read task IDs from this file (&quot;-&quot; for standard input).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print no progress, only the result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language, e.g. en or zh_CN (default: the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>watch or query (optional).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task IDs: 10, 10,12,13, ranges like 100-120, or - to read standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--output must be text, json or jsonl, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>library secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task queries per second to one library, at most (default 2; a 429 halves it for ten minutes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--request-rate needs a number of queries per second from 0.01 to 100, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 needs a number of seconds from %2 to %3, not &quot;%4&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMH base URL (default: the library&apos;s own host, https://LIBRARY.api.tencentsmh.cn; env SMH_ENDPOINT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch Tencent Cloud Smart Media Hosting (SMH) tasks.

Commands:
  (none)  open the monitor window
  watch   poll until every task is final, then exit
  query   query once, print, exit
  history show | set | clear
          a library&apos;s file history: its settings, and clearing every historical
          version (clear needs --yes)
  profile add NAME | list | remove NAME
          saved connections for scripts and cron (add takes the connection options;
          its secret goes to the keychain, or with --store-secret-in-file to a
          private file)

One window per ledger: launched again while it is open, the program hands its task IDs and connection to that window and exits. The commands are never held up by it.

Credentials are read from the environment (SMH_ACCESS_TOKEN or SMH_LIBRARY_SECRET) or from files, never from the command line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the embedded SMH simulator instead of a real endpoint; without task IDs, watch its own demo tasks (990, 1001-1027 and the library-level clear 9000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a saved connection profile; watch and query record their tasks in the ledger under it (without task IDs, watch follows its unfinished tasks).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --profile: keep the tasks in memory only, not in the ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger: a file (default: ledger.sqlite in the application&apos;s data folder), or a team&apos;s PostgreSQL database, postgresql://user@host:port/database (its password from PGPASSWORD or ~/.pgpass, never from the command line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ledger needs a file or a postgresql:// URL.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PollLease</name>
    <message>
        <source>%1@%2, pid %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PollScheduler</name>
    <message>
        <source>SMH&apos;s answer about this task alone is larger than the %1 a reply may have, so its status and result cannot be read. It is not asked about again unless re-checked. (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrivateFile</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make the folder %1 private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make %1 private.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileCommand</name>
    <message>
        <source>profile add: keep the token or secret in the private secrets file (only your user can read it) instead of the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile remove: also when the profile still has tasks, which go with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile needs add, list or remove, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile %1 needs the profile&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile&apos;s name is one line of 1 to %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile commands work on saved profiles; --demo has none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--store-secret-in-file belongs to profile add.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile add needs --library ID (and --endpoint URL for a private deployment).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --token-file or --secret-file, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--store-secret-in-file needs a token or secret to keep: --token-file or --secret-file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--yes belongs to profile remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; exists already; remove it first to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This library and space are saved already, as the profile &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>The keychain did not answer within %n second.</numerusform>
            <numerusform>The keychain did not answer within %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>No keychain is available to keep the secret, so the profile was not saved. Add --store-secret-in-file to keep it in a file only your user can read, or save the profile without a secret and give one at each run (SMH_ACCESS_TOKEN, --token-file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its secret is in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its secret is in %1, which only your user can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no secret saved: give one at each run (SMH_ACCESS_TOKEN or SMH_LIBRARY_SECRET, --token-file, --secret-file), or in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; saved (%2); %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profiles saved yet: add one with &quot;smh-task-monitor profile add NAME --library ID&quot;, or in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIBRARY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SPACE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCOPE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CREDENTIAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ENDPOINT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no saved profile named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; names %n profile(s); remove it in the window, where they can be told apart.</source>
        <translation>
            <numerusform>&quot;%1&quot; names %n profile; remove it in the window, where they can be told apart.</numerusform>
            <numerusform>&quot;%1&quot; names %n profiles; remove it in the window, where they can be told apart.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The profile &quot;%1&quot; still tracks %n task(s), which would be forgotten with it; add --yes to remove it all the same.</source>
        <translation>
            <numerusform>The profile &quot;%1&quot; still tracks %n task, which would be forgotten with it; add --yes to remove it all the same.</numerusform>
            <numerusform>The profile &quot;%1&quot; still tracks %n tasks, which would be forgotten with it; add --yes to remove it all the same.</numerusform>
        </translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <source>Quit During a Cleanup?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A cleanup campaign is still running: %n library(s) not finished.</source>
        <translation>
            <numerusform>A cleanup campaign is still running: %n library not finished.</numerusform>
            <numerusform>A cleanup campaign is still running: %n libraries not finished.</numerusform>
        </translation>
    </message>
    <message>
        <source>If you quit now, the libraries not yet started are left undone and named at the next start. A clear already sent is followed from the ledger then; it is never sent twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit Anyway</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultItemModel</name>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no path)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… (too large to show)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in &amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the items in a window of their own, with room to read them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task has no items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>{%Ln field(s)}</source>
        <translation>
            <numerusform>{%Ln field}</numerusform>
            <numerusform>{%Ln fields}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%Ln item(s)]</source>
        <translation>
            <numerusform>[%Ln item]</numerusform>
            <numerusform>[%Ln items]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No keychain is available: tokens and secrets are kept in %1, which only your user account can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available: tokens and secrets are kept for this session only and must be entered again after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available (%1): tokens and secrets are kept for this session only and must be entered again after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secrets file %1 cannot be examined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secrets file %1 belongs to another user; it is not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secrets file %1 can be read by other users; it is not used. Make it private with &quot;chmod 600&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secrets file %1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secrets file %1 is too large to be ours; it is not used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secrets file %1 is damaged or from a newer version; it is not used and not overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secrets file %1 cannot be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets cannot be kept in a file in this mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secrets file %1 cannot be deleted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused to store the secret: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain refused to delete the secret: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SmhClient</name>
    <message>
        <source>no PEM certificate could be read from &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request to %1 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reply from %1 exceeded %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 redirected to another host; not followed, so that the access token stays with SMH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no reply from %1 within %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request URL would exceed %1 bytes even for one task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the token reply has no accessToken/expiresIn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its body exceeded %1 bytes and was not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reply from %1 did not complete within %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server sent an access token of %1 characters (at most %2 are accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to %1 closed before a complete reply; the request was not sent again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SmhError</name>
    <message>
        <source>the server answered with an HTML page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(request ID %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reply is not JSON (%1 at byte %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a JSON array of tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task %1 of the reply is not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task %1 of the reply has no integer taskId</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task %1 has no integer status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>task %1 is in the reply twice with different answers (status %2 and %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>library ID or secret is wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such library: check the connection&apos;s library ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such space: check the connection&apos;s space ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>access refused, and a new token would not change that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request too long for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>--interval (%1 s) must not be longer than --max-interval (%2 s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read saved profiles: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no saved profile named &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read task IDs from standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The credentials of profile &quot;%1&quot; cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No library given: use --library ID (or SMH_LIBRARY_ID), --profile NAME, or --demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No credentials: set SMH_ACCESS_TOKEN or SMH_LIBRARY_SECRET, or use --token-file / --secret-file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last poll %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to poll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>polling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next poll due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next poll in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>polling stopped, see the connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No connection yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections in trouble: %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polling paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for a first answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>polled by another monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) polled by other monitors. %1</source>
        <translation>
            <numerusform>%n connection polled by another monitor. %1</numerusform>
            <numerusform>%n connections polled by other monitors. %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Ledger unreachable since %1 — answers kept in memory (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Polls go on; what they find is written to the ledger once it answers again. Adding, removing and clearing wait until then.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StyledTaskModel</name>
    <message>
        <source>Not updated: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskDetailsPane</name>
    <message>
        <source>Select a task to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last polled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source inode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target inode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About this task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lasted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 at %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task is no longer watched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished in %1 · since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first answer since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running for %1 · since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-checked, unchanged · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>final</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (HTTP %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 of %3: click to copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <comment>SMH status code</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Historical versions cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Versions deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space freed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <comment>kind of task</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskFilterModel</name>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task ID SMH returned when the task was started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The library (and space) the task belongs to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the last answer from SMH said</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status code SMH sent: 202 running, 200 done, 204 done without details, 500 failed; empty before the first answer and for tasks SMH does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the task was added to the monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When SMH was last asked about the task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running for (unfinished tasks) or finished in (final tasks), counted from when it was added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>srcInode from the task&apos;s result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dstInode from the task&apos;s result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The result path; the tooltip of a cell shows what it was converted from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your note; double-click or press F2 to edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kind of task, from SMH&apos;s Query Task v2 (asked once per task, when it ends or is shown); empty while unknown or where the server has no v2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskIdParser</name>
    <message>
        <source>&quot;%1&quot; is not a range of task IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: the range ends before it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a range may hold at most %2 IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a task ID (task IDs are whole numbers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too large to be a list of task IDs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The input holds more than %1 task IDs; add them in smaller parts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more that are not task IDs</source>
        <translation>
            <numerusform>… and %n more that is not a task ID</numerusform>
            <numerusform>… and %n more that are not task IDs</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a text file of task IDs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot;: too large for a task ID (at most %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskResult</name>
    <message>
        <source>%1 +%2 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 done, %2 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskState</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Succeeded (no result)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found / expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMH did not return this task. It forgets tasks 30 days after they end, so an old task ends up here; so does an ID that was mistyped or belongs to another library or space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMH reports that the task failed (status %1): the job itself went wrong, not the monitor or the network. Start it again if it should be done; for Tencent support, give the task ID, the library and space, and the SMH code and request ID under &quot;Last error&quot; if there is one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMH answered with status %1, which its API does not document for tasks. The monitor does not take it for success. For Tencent support, give the task ID, this status and the request ID under &quot;Last error&quot; if there is one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: SMH reported success without details (status 204), so there is no path or inode to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partly failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monitor could not read SMH&apos;s answer about this task: &quot;Last error&quot; says why. It is not taken for success; re-check it to ask again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMH finished the task, but some of its items failed: the rest was done. The failed items are listed first below with the error SMH gave for each; &quot;Copy Failed Paths&quot; takes their paths to try them again. For Tencent support, give the task ID and the errors.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskStore</name>
    <message>
        <source>The task ledger is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write to the task ledger: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the task ledger &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a task ledger (not an SQLite database). It was left untouched; move it away to start a new ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the task ledger &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task ledger &quot;%1&quot; is damaged (%2). It was left untouched; move it away to start a new ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the task ledger&apos;s version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task ledger &quot;%1&quot; was written by a newer version of SMH Task Monitor (schema %2, this version knows %3). It was left untouched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot switch the task ledger to WAL mode: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot upgrade the task ledger: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the task ledger: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no connection %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task ledger &quot;%1&quot; cannot be written here: %2 is read-only. The ledger itself is fine and was left untouched; make the folder and the file writable, or start with another ledger.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ledger may hold at most %1 tasks; remove finished ones first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task ledger took more than a minute to read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its %1 tables were written by a newer version of SMH Task Monitor (version %2, this version knows %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot upgrade the task ledger &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This task is no longer watched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task ledger %1 cannot be reached; what polls find is kept in memory and written when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the task ledger %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot prepare the task ledger %1 for other monitors&apos; changes: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen to other monitors&apos; changes on the task ledger %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task ledger %1 was written by a newer version of SMH Task Monitor (schema %2, this version knows %3). It was left untouched.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Converted from: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown: the task had already ended when it was first polled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last polled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source inode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target inode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <comment>SMH status code</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <comment>kind of task</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskTableView</name>
    <message>
        <source>Reset Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskTypes</name>
    <message>
        <source>Batch delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from recycle bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Convert file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recount directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transcode video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uncompress file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 files uncompressed, %3 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, into %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 and %Ln more</source>
        <translation>
            <numerusform>%1 and %Ln more</numerusform>
            <numerusform>%1 and %Ln more</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 version(s) deleted</source>
        <translation>
            <numerusform>%1 version deleted</numerusform>
            <numerusform>%1 versions deleted</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Task %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tasks watched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 running, %2 succeeded, %3 need attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A connection cannot be polled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TypedTaskResult</name>
    <message>
        <source>the task result reply is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the task result reply is about another task than %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the task result reply names no task type</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <source>Library usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usage samples yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageChartModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WriteTransaction</name>
    <message>
        <source>the disk holding the task ledger is full (%1); free some space and try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another program is writing the task ledger and did not finish within 5 seconds (%1); try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the task ledger cannot be written (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the task ledger could not be read or written (%1); check that its disk has free space and is still there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the task ledger is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ledger&apos;s database server cannot be reached (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). The commands watch and query need none: see --help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMH Task Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The task ledger cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to %1 could not be saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tasks were handed to the window already open on this ledger; it keeps its own poll interval and request rate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
