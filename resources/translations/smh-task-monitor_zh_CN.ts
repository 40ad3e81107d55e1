<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddTasksDialog</name>
    <message>
        <source>Add Tasks</source>
        <translation>添加任务</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Optional, e.g. the job these tasks belong to</source>
        <translation>可选，例如这些任务所属的作业</translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation>连接(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Task &amp;IDs:</source>
        <translation>任务 ID(&amp;I)：</translation>
    </message>
    <message>
        <source>There is no connection yet: add one under Connection ▸ Manage Connections.</source>
        <translation>尚无连接：请在“连接 ▸ 管理连接”中添加。</translation>
    </message>
    <message>
        <source>Enter at least one task ID.</source>
        <translation>请至少输入一个任务 ID。</translation>
    </message>
    <message>
        <source>Cannot read &quot;%1&quot;: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too large to be a list of task IDs.</source>
        <translation>“%1”过大，不可能是任务 ID 列表。</translation>
    </message>
    <message>
        <source>Import Task IDs</source>
        <translation>导入任务 ID</translation>
    </message>
    <message>
        <source>Task ID lists (*.txt *.csv *.tsv *.log);;All files (*)</source>
        <translation>任务 ID 列表 (*.txt *.csv *.tsv *.log);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Not task IDs (%1); fix or remove them to continue:</source>
        <translation>以下内容不是任务 ID（%1 项），请修正或删除后继续：</translation>
    </message>
    <message>
        <source>Duplicates merged: %1.</source>
        <translation>已合并重复项：%1 个。</translation>
    </message>
    <message>
        <source>Space tasks</source>
        <translation>空间任务</translation>
    </message>
    <message>
        <source>Library level (clear history)</source>
        <translation>媒体库级（清理历史版本）</translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation>范围(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Drop Invalid Entries</source>
        <translation>删除无效条目(&amp;D)</translation>
    </message>
    <message>
        <source>Remove everything that is not a task ID or a range</source>
        <translation>删除所有不是任务 ID 或范围的内容</translation>
    </message>
    <message numerus="yes">
        <source>%n already watched.</source>
        <translation>
            <numerusform>%n 个已在监控中。</numerusform>
        </translation>
    </message>
    <message>
        <source>Task IDs separated by commas, spaces or new lines; ranges like 100-120; rows copied from the task table.
You can also drop a text or CSV file here. %1 adds.</source>
        <translation>任务 ID 以逗号、空格或换行分隔；可用范围如 100-120；也可粘贴从任务表复制的行。
也可以把文本或 CSV 文件拖放到这里。按 %1 添加。</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Add these tasks (%1)</source>
        <translation>添加这些任务（%1）</translation>
    </message>
    <message>
        <source>&amp;Import from File…</source>
        <translation>从文件导入(&amp;I)…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) to add.</source>
        <translation>
            <numerusform>将添加 %Ln 个任务。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchItemsView</name>
    <message>
        <source>&amp;Failed only</source>
        <translation>仅显示失败项(&amp;F)</translation>
    </message>
    <message>
        <source>Copy Failed &amp;Paths</source>
        <translation>复制失败路径(&amp;P)</translation>
    </message>
    <message>
        <source>E&amp;xport Items…</source>
        <translation>导出条目(&amp;X)…</translation>
    </message>
    <message>
        <source>Filter items: path, error…</source>
        <translation>筛选条目：路径、错误…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln 项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln item(s) shown</source>
        <translation>
            <numerusform>显示 %Ln 项中的 %1 项</numerusform>
        </translation>
    </message>
    <message>
        <source>the failed paths</source>
        <translation>失败路径</translation>
    </message>
    <message>
        <source>Export Items</source>
        <translation>导出条目</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>the items to %1</source>
        <translation>条目到 %1</translation>
    </message>
</context>
<context>
    <name>Campaign</name>
    <message>
        <source>Nothing was sent: the task ledger could not record the campaign&apos;s step (%1).</source>
        <translation>未发送任何请求：任务账本无法记录此批量清理的步骤（%1）。</translation>
    </message>
    <message>
        <source>The campaign was cancelled before this library&apos;s clear was sent: nothing was cleared.</source>
        <translation>此媒体库的清除请求发送之前批量清理已被取消：未清除任何内容。</translation>
    </message>
    <message>
        <source>Not started: the campaign was cancelled.</source>
        <translation>未开始：批量清理已被取消。</translation>
    </message>
    <message>
        <source>Not started: the monitor running the campaign stopped first.</source>
        <translation>未开始：运行此批量清理的监控程序已先行停止。</translation>
    </message>
    <message>
        <source>The monitor running the campaign stopped before this library&apos;s clear was claimed: nothing was sent.</source>
        <translation>运行此批量清理的监控程序在认领此媒体库的清除之前已停止：未发送任何请求。</translation>
    </message>
    <message>
        <source>Putting the file history settings back was sent, and the monitor stopped before the answer came: check them in History &amp; Cleanup.</source>
        <translation>恢复文件历史版本设置的请求已发送，但监控程序在收到回复前已停止：请在“历史版本与清理”中检查这些设置。</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>Clear Historical Versions in Several Libraries</source>
        <translation>批量清除多个媒体库的历史版本</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>媒体库</translation>
    </message>
    <message>
        <source>Library ID</source>
        <translation>媒体库 ID</translation>
    </message>
    <message>
        <source>File history</source>
        <translation>文件历史版本</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Next clear</source>
        <translation>下次可清除</translation>
    </message>
    <message>
        <source>Turn file history off first where it is on</source>
        <translation>对已开启文件历史版本的媒体库先将其关闭</translation>
    </message>
    <message>
        <source>Restore the previous settings when each clear has finished</source>
        <translation>每次清除完成后恢复原先的设置</translation>
    </message>
    <message>
        <source>&amp;Libraries at once:</source>
        <translation>同时处理的媒体库数(&amp;L)：</translation>
    </message>
    <message>
        <source>Ca&amp;ncel Campaign</source>
        <translation>取消批量清理(&amp;N)</translation>
    </message>
    <message>
        <source>No further library starts; a library whose clear has not been sent yet stops before it. Clears already sent are tracked to their end.</source>
        <translation>不再开始新的媒体库；尚未发送清除请求的媒体库会在发送前停止。已发送的清除会一直跟踪到结束。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <source>in %n s</source>
        <translation>
            <numerusform>%n 秒后</numerusform>
        </translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>The last campaign stopped before it was done (its monitor was closed or stopped); nothing was sent again. Left undone: %1.</source>
        <translation>上一次批量清理在完成前中断（其监控程序已关闭或停止）；没有重复发送任何请求。未完成：%1。</translation>
    </message>
    <message numerus="yes">
        <source>On: %n version(s), %1 days, merge %2 s</source>
        <translation>
            <numerusform>已开启：%n 个版本，%1 天，合并间隔 %2 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Off</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Not an admin token: it will be refused</source>
        <translation>不是管理员令牌：将被拒绝</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>Could not be read</source>
        <translation>无法读取</translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;Every historical version of every file in the %n chosen library(s) will be deleted and its space released.&lt;/p&gt;&lt;p&gt;&lt;b&gt;This cannot be undone.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;所选 %n 个媒体库中所有文件的全部历史版本都将被删除，其占用的空间随之释放。&lt;/p&gt;&lt;p&gt;&lt;b&gt;此操作无法撤销。&lt;/b&gt;&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Type the number of libraries, %1, to confirm:</source>
        <translation>输入媒体库数量 %1 以确认(&amp;T)：</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Clear %n Library(s)</source>
        <translation>
            <numerusform>清除 %n 个媒体库(&amp;C)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>File history is on in %n of them: they will be refused unless it is turned off first.</source>
        <translation>
            <numerusform>其中 %n 个已开启文件历史版本：除非先将其关闭，否则清除会被拒绝。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n library(s) done</source>
        <translation>
            <numerusform>%n 个媒体库中已完成 %1 个</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 running</source>
        <translation>%1 个进行中</translation>
    </message>
    <message>
        <source>%1 cleared</source>
        <translation>%1 个已清除</translation>
    </message>
    <message>
        <source>%1 freed so far</source>
        <translation>目前已释放 %1</translation>
    </message>
    <message numerus="yes">
        <source>Started %1 by %2; at most %n library(s) at once.</source>
        <translation>
            <numerusform>由 %2 于 %1 开始；最多同时处理 %n 个媒体库。</numerusform>
        </translation>
    </message>
    <message>
        <source>Left undone when the monitor running the campaign stopped: %1. Nothing was sent again; start a new campaign for them.</source>
        <translation>运行批量清理的监控程序停止时未完成：%1。没有重复发送任何请求；请为它们新建一次批量清理。</translation>
    </message>
</context>
<context>
    <name>CampaignLedger</name>
    <message>
        <source>The campaign&apos;s library is not in the ledger.</source>
        <translation>任务账本中没有此批量清理的该媒体库。</translation>
    </message>
</context>
<context>
    <name>CampaignLibrary</name>
    <message numerus="yes">
        <source>Waiting for SMH&apos;s minute (%n s)</source>
        <translation>
            <numerusform>等待 SMH 的每分钟限制（%n 秒）</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Clearing</source>
        <translation>正在清除</translation>
    </message>
    <message>
        <source>Tracking the task</source>
        <translation>正在跟踪任务</translation>
    </message>
    <message>
        <source>Restoring settings</source>
        <translation>正在恢复设置</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cleared; file history still off</source>
        <translation>已清除；文件历史版本仍处于关闭状态</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>已清除</translation>
    </message>
    <message>
        <source>Clear failed</source>
        <translation>清除失败</translation>
    </message>
    <message>
        <source>Refused: not an admin token</source>
        <translation>已被拒绝：不是管理员令牌</translation>
    </message>
    <message>
        <source>Refused, nothing cleared</source>
        <translation>已被拒绝，未清除任何内容</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>Accepted, not tracked</source>
        <translation>已受理，未跟踪</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Left undone</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>CampaignModel</name>
    <message>
        <source>Library</source>
        <translation>媒体库</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Versions deleted</source>
        <translation>已删除版本数</translation>
    </message>
    <message>
        <source>Usage before</source>
        <translation>清理前用量</translation>
    </message>
    <message>
        <source>Usage after</source>
        <translation>清理后用量</translation>
    </message>
    <message>
        <source>Freed</source>
        <translation>已释放</translation>
    </message>
</context>
<context>
    <name>CampaignSummary</name>
    <message>
        <source>Running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation>正在取消</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
</context>
<context>
    <name>Campaigns</name>
    <message>
        <source>The monitor is closing.</source>
        <translation>监控程序正在关闭。</translation>
    </message>
    <message>
        <source>The task ledger is not open.</source>
        <translation>任务账本未打开。</translation>
    </message>
    <message>
        <source>There is no connection with ID %1.</source>
        <translation>没有 ID 为 %1 的连接。</translation>
    </message>
    <message>
        <source>No library was chosen.</source>
        <translation>未选择任何媒体库。</translation>
    </message>
    <message>
        <source>Nothing was sent: the task ledger could not record the campaign (%1).</source>
        <translation>未发送任何请求：任务账本无法记录此批量清理（%1）。</translation>
    </message>
</context>
<context>
    <name>CleanupListModel</name>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Versions deleted</source>
        <translation>已删除版本数</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>清理前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>清理后</translation>
    </message>
    <message>
        <source>Freed</source>
        <translation>已释放</translation>
    </message>
</context>
<context>
    <name>CleanupRecord</name>
    <message>
        <source>Starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <source>Sent, no answer yet</source>
        <translation>已发送，尚无回复</translation>
    </message>
    <message>
        <source>Refused, nothing cleared</source>
        <translation>已被拒绝，未清除任何内容</translation>
    </message>
    <message>
        <source>Outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Accepted, task unknown</source>
        <translation>已受理，任务未知</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>执行中</translation>
    </message>
</context>
<context>
    <name>CleanupReportExport</name>
    <message>
        <source>Export Cleanup Report</source>
        <translation>导出清理报告</translation>
    </message>
    <message numerus="yes">
        <source>Saved a report of %n clear(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 次清理的报告保存到 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClearHistoryDialog</name>
    <message>
        <source>Clear Historical Versions</source>
        <translation>清除历史版本</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every historical version of every file in library &lt;b&gt;%1&lt;/b&gt; will be deleted and its space released.&lt;/p&gt;&lt;p&gt;&lt;b&gt;This cannot be undone.&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;媒体库 &lt;b&gt;%1&lt;/b&gt; 中所有文件的全部历史版本都将被删除，其占用的空间随之释放。&lt;/p&gt;&lt;p&gt;&lt;b&gt;此操作无法撤销。&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>File history is on for this library. It must be turned off before its historical versions can be cleared.</source>
        <translation>此媒体库已开启文件历史版本。必须先关闭它，才能清除历史版本。</translation>
    </message>
    <message>
        <source>Turn file history off first</source>
        <translation>先关闭文件历史版本</translation>
    </message>
    <message>
        <source>Restore the previous settings when the clear has finished</source>
        <translation>清除完成后恢复原先的设置</translation>
    </message>
    <message>
        <source>Type the library ID &lt;b&gt;%1&lt;/b&gt; to confirm:</source>
        <translation>输入媒体库 ID &lt;b&gt;%1&lt;/b&gt; 以确认：</translation>
    </message>
    <message>
        <source>&amp;Clear Historical Versions</source>
        <translation>清除历史版本(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ClearJob</name>
    <message>
        <source>Clearing historical versions needs an admin token (one minted with the admin grant, or a library secret): %1</source>
        <translation>清除历史版本需要管理员令牌（以 admin 权限签发的令牌，或使用媒体库密钥）：%1</translation>
    </message>
    <message>
        <source>The credentials were refused: %1</source>
        <translation>凭据被拒绝：%1</translation>
    </message>
    <message numerus="yes">
        <source>SMH accepts one clear of historical versions a minute per library and refused this one (%1). Try again in %n s; nothing is retried on its own.</source>
        <translation>
            <numerusform>SMH 每个媒体库每分钟只受理一次清除历史版本，本次已被拒绝（%1）。请在 %n 秒后重试；不会自动重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no access token.</source>
        <translation>没有访问令牌。</translation>
    </message>
    <message>
        <source>File history is on for library %1: it must be turned off before its historical versions can be cleared.</source>
        <translation>媒体库 %1 已开启文件历史版本：必须先关闭它，才能清除历史版本。</translation>
    </message>
    <message>
        <source>The monitor is closing.</source>
        <translation>监控程序正在关闭。</translation>
    </message>
    <message>
        <source>Nothing was sent: the task ledger could not record the change to file history.</source>
        <translation>未发送任何请求：任务账本无法记录对文件历史的更改。</translation>
    </message>
    <message>
        <source>The change turning file history off may have been applied (%1); the clear was not sent.</source>
        <translation>关闭文件历史的更改可能已生效（%1）；清除请求未发送。</translation>
    </message>
    <message>
        <source>Nothing was cleared: the task ledger could not record the clear before sending it.</source>
        <translation>未清除任何内容：任务账本无法在发送前记录此次清除。</translation>
    </message>
    <message>
        <source>The clear of library %1 was sent at %2, but no complete answer came back (%3): SMH may have accepted it. It counts as a clear, and nothing is sent again. Look at the library&apos;s usage in a few minutes, or give Tencent Cloud support the library ID and this time.</source>
        <translation>媒体库 %1 的清除请求已于 %2 发送，但未收到完整回复（%3）：SMH 可能已受理。此次按一次清除计算，不会再次发送。请几分钟后查看该媒体库的用量，或将媒体库 ID 和此时间提供给腾讯云技术支持。</translation>
    </message>
    <message>
        <source>File history of library %1 is OFF: it was turned off for this clear. Overwritten files keep no versions until it is turned back on (History &amp; Cleanup, or history set --enable).</source>
        <translation>媒体库 %1 的文件历史已关闭：它是为此次清除而关闭的。在重新开启之前，被覆盖的文件不会保留任何版本（历史与清理，或 history set --enable）。</translation>
    </message>
    <message>
        <source>SMH accepted the clear (HTTP %1), but its task ID could not be read (%2): the clear runs, and its progress cannot be followed here.</source>
        <translation>SMH 已受理清除（HTTP %1），但无法读取其任务 ID（%2）：清除正在进行，但无法在此跟踪其进度。</translation>
    </message>
    <message>
        <source>Clear historical versions, started %1</source>
        <translation>清除历史版本，开始于 %1</translation>
    </message>
    <message>
        <source>The clear was accepted as task %1, but the ledger could not record it%2.</source>
        <translation>清除已作为任务 %1 受理，但账本无法记录%2。</translation>
    </message>
    <message>
        <source>Putting file history back was sent; no answer was recorded.</source>
        <translation>恢复文件历史的请求已发送；尚未记录到回复。</translation>
    </message>
    <message>
        <source>File history was turned back on with its previous settings.</source>
        <translation>文件历史已按原设置重新开启。</translation>
    </message>
    <message>
        <source>File history of library %1 is OFF: it could not be turned back on (%2). Overwritten files keep no versions until it is turned on again.</source>
        <translation>媒体库 %1 的文件历史已关闭：无法重新开启（%2）。在重新开启之前，被覆盖的文件不会保留任何版本。</translation>
    </message>
    <message>
        <source>Turning file history of library %1 back on may have been applied (%2): check it in History &amp; Cleanup.</source>
        <translation>重新开启媒体库 %1 文件历史的更改可能已生效（%2）：请在“历史与清理”中确认。</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Use Library Host</source>
        <translation>使用专属域名</translation>
    </message>
    <message>
        <source>Library-level tasks (no space in the URL)</source>
        <translation>媒体库级任务（URL 中不含租户空间）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接管理</translation>
    </message>
    <message>
        <source>e.g. Production archive</source>
        <translation>例如：生产环境归档</translation>
    </message>
    <message>
        <source>Use the library&apos;s own host, https://&lt;library ID&gt;.api.tencentsmh.cn</source>
        <translation>使用媒体库专属域名 https://&lt;媒体库 ID&gt;.api.tencentsmh.cn</translation>
    </message>
    <message>
        <source>- for a single-tenant library</source>
        <translation>单租户媒体库请填 -</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Library secret (tokens are minted and renewed)</source>
        <translation>媒体库密钥（自动生成并续期访问令牌）</translation>
    </message>
    <message>
        <source>Optional: extra CA certificates (PEM)</source>
        <translation>可选：额外的 CA 证书（PEM）</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>接入地址(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Library ID:</source>
        <translation>媒体库 ID(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Space ID:</source>
        <translation>租户空间 ID(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;User ID:</source>
        <translation>用户 ID(&amp;U)：</translation>
    </message>
    <message>
        <source>A&amp;uthentication:</source>
        <translation>鉴权方式(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>CA 文件(&amp;C)：</translation>
    </message>
    <message>
        <source>CA Certificates</source>
        <translation>CA 证书</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM 证书 (*.pem *.crt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Enter the access token.</source>
        <translation>请输入访问令牌。</translation>
    </message>
    <message>
        <source>Enter the library secret.</source>
        <translation>请输入媒体库密钥。</translation>
    </message>
    <message>
        <source>The access token contains spaces or line breaks: paste it again.</source>
        <translation>访问令牌中含有空格或换行符，请重新粘贴。</translation>
    </message>
    <message>
        <source>The library secret contains spaces or line breaks: paste it again.</source>
        <translation>媒体库密钥中含有空格或换行符，请重新粘贴。</translation>
    </message>
    <message>
        <source>Another connection already watches this library and space.</source>
        <translation>已有其他连接在监控该媒体库和租户空间。</translation>
    </message>
    <message>
        <source>New connection</source>
        <translation>新建连接</translation>
    </message>
    <message>
        <source>Access &amp;token:</source>
        <translation>访问令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>Library &amp;secret:</source>
        <translation>媒体库密钥(&amp;S)：</translation>
    </message>
    <message>
        <source>Kept in the keychain; type to replace</source>
        <translation>已保存在系统钥匙串中；输入新值即可替换</translation>
    </message>
    <message>
        <source>Fix the problems above first.</source>
        <translation>请先修正上述问题。</translation>
    </message>
    <message>
        <source>Enter the token or secret to test with.</source>
        <translation>请输入用于测试的访问令牌或媒体库密钥。</translation>
    </message>
    <message>
        <source>Refused: the server did not accept the credentials (%1).</source>
        <translation>已拒绝：服务器未接受该凭据（%1）。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Connected: the library secret was accepted.</source>
        <translation>连接成功：媒体库密钥有效。</translation>
    </message>
    <message>
        <source>Connected: the library answered and the token was accepted.</source>
        <translation>连接成功：媒体库已响应，访问令牌有效。</translation>
    </message>
    <message>
        <source>Not set yet: polling waits for a token</source>
        <translation>尚未设置：轮询将在提供访问令牌后开始</translation>
    </message>
    <message>
        <source>Not set yet: polling waits for the secret</source>
        <translation>尚未设置：轮询将在提供媒体库密钥后开始</translation>
    </message>
    <message>
        <source>&amp;Keep tokens and secrets in a private file (only your user account can read it)</source>
        <translation>将访问令牌和密钥保存在私有文件中（仅您的用户帐户可读）(&amp;K)</translation>
    </message>
    <message>
        <source>Less safe than a keychain: anyone who can read your files (a backup, an administrator) can read them.</source>
        <translation>不如钥匙串安全：任何能读取您文件的人（备份、管理员）都能读取它们。</translation>
    </message>
    <message>
        <source>Cancel Test</source>
        <translation>取消测试</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>已取消测试。</translation>
    </message>
    <message>
        <source>Testing… (gives up after %1 s without an answer)</source>
        <translation>正在测试…（%1 秒无响应则放弃）</translation>
    </message>
    <message>
        <source>The SMH API base URL. Leave empty for the library&apos;s own host, https://&lt;library ID&gt;.api.tencentsmh.cn, as the SMH SDKs recommend. HTTPS is required except for local test servers.</source>
        <translation>SMH API 基础 URL。留空则使用媒体库自己的主机 https://&lt;媒体库 ID&gt;.api.tencentsmh.cn（SMH SDK 推荐的做法）。除本地测试服务器外必须使用 HTTPS。</translation>
    </message>
    <message>
        <source>%1 (the library&apos;s own host)</source>
        <translation>%1（媒体库自己的主机）</translation>
    </message>
</context>
<context>
    <name>ConnectionHealth</name>
    <message>
        <source>%1: the server refused the credentials (%2). Update them under Connection ▸ Manage Connections.</source>
        <translation>%1：服务器拒绝了凭据（%2）。请在“连接 ▸ 管理连接”中更新。</translation>
    </message>
    <message>
        <source>%1: no access token or library secret is set.</source>
        <translation>%1：未设置访问令牌或媒体库密钥。</translation>
    </message>
    <message>
        <source>%1: %2; retrying in %3</source>
        <translation>%1：%2；将在 %3 后重试</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Tasks being polled: %1</source>
        <translation>正在轮询的任务：%1</translation>
    </message>
    <message>
        <source>Requests sent: %1</source>
        <translation>已发送请求：%1</translation>
    </message>
    <message>
        <source>%1: %2. Polling stopped; edit the connection under Connection ▸ Manage Connections.</source>
        <translation>%1：%2。已停止轮询；请在“连接 ▸ 管理连接”中编辑该连接。</translation>
    </message>
    <message>
        <source>%1: polled by another monitor (%2); its answers are shown here.</source>
        <translation>%1：由另一个监视器（%2）轮询；此处显示它获得的结果。</translation>
    </message>
</context>
<context>
    <name>ConnectionProfiles</name>
    <message>
        <source>The secret of &quot;%1&quot; was not saved: %2</source>
        <translation>未能保存“%1”的密钥：%2</translation>
    </message>
    <message>
        <source>The connection &quot;%1&quot; could not be saved: %2</source>
        <translation>无法保存连接“%1”：%2</translation>
    </message>
    <message>
        <source>The connection &quot;%1&quot; could not be removed: %2</source>
        <translation>无法删除连接“%1”：%2</translation>
    </message>
    <message>
        <source>No keychain is available to keep the secret.</source>
        <translation>没有可用的钥匙串来保存该密钥。</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; was not saved: %2</source>
        <translation>配置“%1”未保存：%2</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; was removed, but its secret could not be deleted: %2</source>
        <translation>配置“%1”已删除，但其密钥未能删除：%2</translation>
    </message>
</context>
<context>
    <name>ConnectionSettings</name>
    <message>
        <source>No endpoint is set.</source>
        <translation>未设置接入地址。</translation>
    </message>
    <message>
        <source>The library ID is empty.</source>
        <translation>媒体库 ID 为空。</translation>
    </message>
    <message>
        <source>The library ID contains spaces or control characters.</source>
        <translation>媒体库 ID 中含有空格或控制字符。</translation>
    </message>
    <message>
        <source>The space ID is empty (use &quot;-&quot; for a single-tenant library).</source>
        <translation>租户空间 ID 为空（单租户媒体库请使用“-”）。</translation>
    </message>
    <message>
        <source>The space ID contains spaces or control characters.</source>
        <translation>租户空间 ID 中含有空格或控制字符。</translation>
    </message>
    <message>
        <source>The user ID contains spaces or control characters.</source>
        <translation>用户 ID 中含有空格或控制字符。</translation>
    </message>
    <message>
        <source>The CA certificate file &quot;%1&quot; cannot be read.</source>
        <translation>无法读取 CA 证书文件“%1”。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a library ID.</source>
        <translation>“%1”不是有效的媒体库 ID。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a space ID (use &quot;-&quot; for a single-tenant library).</source>
        <translation>“%1”不是有效的租户空间 ID（单租户媒体库请使用“-”）。</translation>
    </message>
</context>
<context>
    <name>CopyableField</name>
    <message>
        <source>Copy %1</source>
        <translation>复制%1</translation>
    </message>
</context>
<context>
    <name>DemoSetup</name>
    <message>
        <source>The demo server could not listen on 127.0.0.1: %1</source>
        <translation>演示服务器无法在 127.0.0.1 上监听：%1</translation>
    </message>
    <message>
        <source>Demo library</source>
        <translation>演示媒体库</translation>
    </message>
    <message>
        <source>Demo library %1</source>
        <translation>演示媒体库 %1</translation>
    </message>
</context>
<context>
    <name>ElidedLabel</name>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
</context>
<context>
    <name>Endpoint</name>
    <message>
        <source>The endpoint is empty. Use %1 or your library&apos;s own host.</source>
        <translation>接入地址为空。请使用 %1 或媒体库专属域名。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL. Write it like %2.</source>
        <translation>“%1”不是有效的 URL，格式应类似 %2。</translation>
    </message>
    <message>
        <source>Plain HTTP would send the access token unencrypted: use https:// (http:// is accepted only for 127.0.0.1, ::1 and localhost).</source>
        <translation>使用明文 HTTP 会以未加密方式发送访问令牌，请使用 https://（仅 127.0.0.1、::1 和 localhost 允许使用 http://）。</translation>
    </message>
    <message>
        <source>The endpoint must start with https://.</source>
        <translation>接入地址必须以 https:// 开头。</translation>
    </message>
    <message>
        <source>The endpoint must not contain a user name or password.</source>
        <translation>接入地址中不得包含用户名或密码。</translation>
    </message>
    <message>
        <source>The endpoint must not contain a query (?...) or fragment (#...).</source>
        <translation>接入地址中不得包含查询参数（?...）或片段（#...）。</translation>
    </message>
</context>
<context>
    <name>ExportPath</name>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Cannot write &quot;%1&quot;: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
</context>
<context>
    <name>FilterSidebar</name>
    <message>
        <source>State filters</source>
        <translation>状态筛选</translation>
    </message>
    <message>
        <source>Connection filters</source>
        <translation>连接筛选</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>All connections</source>
        <translation>全部连接</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>全部任务</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>Each number is how many tasks picking the entry would show, with the filter box and the other list as they are.</source>
        <translation>每个数字表示选择该项后将显示的任务数（按当前筛选框和另一列表的选择计算）。</translation>
    </message>
</context>
<context>
    <name>FleetCommand</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Nothing was sent: a library named has no credential.</source>
        <translation>未发送任何请求：所列媒体库中有的没有凭据。</translation>
    </message>
    <message>
        <source>Nothing was changed: clearing historical versions is irreversible; pass --yes to confirm.</source>
        <translation>未做任何修改：清除历史版本不可撤销；请加 --yes 确认。</translation>
    </message>
    <message>
        <source>This deletes every historical version of these libraries and cannot be undone: %1. Type how many libraries that is to go on: </source>
        <translation>这将删除以下媒体库的全部历史版本，且无法撤销：%1。输入媒体库的个数以继续：</translation>
    </message>
    <message>
        <source>%1: authentication failed: %2</source>
        <translation>%1：鉴权失败：%2</translation>
    </message>
    <message>
        <source>%1: gave up after %2 failed attempts: %3</source>
        <translation>%1：连续 %2 次尝试失败，已放弃：%3</translation>
    </message>
    <message>
        <source>%1 freed</source>
        <translation>释放 %1</translation>
    </message>
    <message>
        <source>Campaign %1 (started %2 by %3) was interrupted: what it sent is tracked and never sent again; what it left undone is cleared now where it is named again.</source>
        <translation>清理活动 %1（%2 由 %3 启动）曾被中断：已发出的清除会继续跟踪，绝不重发；未完成的媒体库若再次指定，现在清除。</translation>
    </message>
    <message>
        <source>Campaign %1: %2 libraries, at most %3 at once.</source>
        <translation>清理活动 %1：%2 个媒体库，最多同时 %3 个。</translation>
    </message>
    <message>
        <source>PROFILE</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>LIBRARY</source>
        <translation>媒体库</translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>TASK ID</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>DELETED VERSIONS</source>
        <translation>已删除版本数</translation>
    </message>
    <message>
        <source>USAGE BEFORE</source>
        <translation>清理前用量</translation>
    </message>
    <message>
        <source>USAGE AFTER</source>
        <translation>清理后用量</translation>
    </message>
    <message>
        <source>FREED</source>
        <translation>已释放</translation>
    </message>
    <message>
        <source>DETAIL</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Left undone, nothing sent for them: %1</source>
        <translation>未完成（未向其发送任何请求）：%1</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>no credential</source>
        <translation>无凭据</translation>
    </message>
    <message>
        <source>not an admin token</source>
        <translation>非管理员令牌</translation>
    </message>
    <message>
        <source>credentials refused</source>
        <translation>凭据被拒绝</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>in %1 s</source>
        <translation>%1 秒后</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>history set changes one library at a time: name it with a single --profile or --library.</source>
        <translation>history set 一次只修改一个媒体库：请用一个 --profile 或 --library 指定。</translation>
    </message>
    <message>
        <source>The profile &quot;%1&quot; is named twice.</source>
        <translation>配置“%1”被指定了两次。</translation>
    </message>
    <message>
        <source>--all and --profile exclude each other: --all is every saved profile.</source>
        <translation>--all 与 --profile 不能同时使用：--all 即全部已保存的配置。</translation>
    </message>
    <message>
        <source>history clear does not take --all: name each library to clear with --profile.</source>
        <translation>history clear 不接受 --all：请用 --profile 逐一指定要清除的媒体库。</translation>
    </message>
    <message>
        <source>Name the libraries with --profile (once for each), or use --all with history show.</source>
        <translation>请用 --profile 指定媒体库（每个一次），或在 history show 中使用 --all。</translation>
    </message>
    <message>
        <source>--parallel needs a whole number from 1 to %1, not &quot;%2&quot;.</source>
        <translation>--parallel 需要 1 到 %1 之间的整数，而不是“%2”。</translation>
    </message>
    <message>
        <source>--%1 does not apply to several libraries: each profile brings its own connection and credential.</source>
        <translation>--%1 不适用于多个媒体库：每个配置自带连接和凭据。</translation>
    </message>
    <message>
        <source>--%1 belongs to history set.</source>
        <translation>--%1 仅用于 history set。</translation>
    </message>
    <message>
        <source>--no-wait is for one library: a clear of several is followed to its end.</source>
        <translation>--no-wait 仅用于单个媒体库：多个媒体库的清除会一直跟踪到结束。</translation>
    </message>
    <message>
        <source>--%1 belongs to history clear.</source>
        <translation>--%1 仅用于 history clear。</translation>
    </message>
    <message>
        <source>No profiles saved yet: add one with &quot;smh-task-monitor profile add NAME --library ID&quot;, or in the window.</source>
        <translation>尚未保存任何配置：请用“smh-task-monitor profile add 名称 --library ID”添加，或在窗口中添加。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; and &quot;%2&quot; are the same profile.</source>
        <translation>“%1”和“%2”是同一个配置。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; and &quot;%2&quot; are the same library %3: a clear is of the whole library, name it once.</source>
        <translation>“%1”和“%2”是同一个媒体库 %3：清除针对整个媒体库，请只指定一次。</translation>
    </message>
    <message>
        <source>The credentials cannot be read: %1</source>
        <translation>无法读取凭据：%1</translation>
    </message>
    <message>
        <source>No token or secret is stored for this profile: save one with &quot;profile add&quot; or in the window.</source>
        <translation>此配置未保存令牌或密钥：请用“profile add”或在窗口中保存。</translation>
    </message>
    <message>
        <source>The keychain did not answer in time.</source>
        <translation>钥匙串未及时响应。</translation>
    </message>
    <message>
        <source>Campaign %1 (started %2 by %3) was interrupted; left undone: %4.</source>
        <translation>清理活动 %1（%2 由 %3 启动）曾被中断；未完成：%4。</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>HISTORY</source>
        <translation>历史版本</translation>
    </message>
    <message>
        <source>VERSIONS</source>
        <translation>版本数</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>MERGE (S)</source>
        <translation>合并（秒）</translation>
    </message>
    <message>
        <source>USAGE</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>LAST CLEAR</source>
        <translation>上次清除</translation>
    </message>
    <message>
        <source>NEXT CLEAR</source>
        <translation>下次可清除</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stopping campaign %1: no new library starts, and a clear under way stops before its next irreversible call; what was sent is followed to its end. Press Ctrl+C again to stop at once (the next run picks it up).</source>
        <translation>正在停止批量清理 %1：不再开始新的媒体库，进行中的清除会在下一次不可撤销的调用之前停止；已发出的请求会跟踪到结束。再按一次 Ctrl+C 立即停止（下次运行会接续）。</translation>
    </message>
</context>
<context>
    <name>HeadlessRunner</name>
    <message>
        <source>No task IDs given. Pass them as arguments (10,12,13 or 100-120), with --ids-file FILE, or as - to read standard input.</source>
        <translation>未指定任务 ID。请以参数形式传入（10,12,13 或 100-120），或使用 --ids-file FILE，或传入 - 从标准输入读取。</translation>
    </message>
    <message>
        <source>gave up: --timeout reached with tasks still running</source>
        <translation>已放弃：已达到 --timeout 时限，仍有任务在执行</translation>
    </message>
    <message>
        <source>authentication failed: %1</source>
        <translation>鉴权失败：%1</translation>
    </message>
    <message>
        <source>%1 (attempt %2 of %3, retrying)</source>
        <translation>%1（第 %2/%3 次尝试，正在重试）</translation>
    </message>
    <message>
        <source>TASK ID</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>SOURCE INODE</source>
        <translation>源 INODE</translation>
    </message>
    <message>
        <source>TARGET INODE</source>
        <translation>目标 INODE</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>gave up after %1 failed attempts: %2</source>
        <translation>连续 %1 次尝试失败，已放弃：%2</translation>
    </message>
    <message>
        <source>configuration error: %1</source>
        <translation>配置错误：%1</translation>
    </message>
    <message>
        <source>cannot record the tasks in the ledger (exit code 2 at the end; the tasks are watched in memory only): %1</source>
        <translation>无法将任务记录到台账中（结束时退出码为 2；任务仅在内存中继续监视）：%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s): %1</source>
        <translation>
            <numerusform>%Ln 个任务：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot write the results to standard output: %1</source>
        <translation>无法将结果写入标准输出：%1</translation>
    </message>
</context>
<context>
    <name>HistoryChange</name>
    <message>
        <source>the %1 reply is not a JSON object</source>
        <translation>%1 的应答不是 JSON 对象</translation>
    </message>
    <message>
        <source>the library-history reply has a field of the wrong type</source>
        <translation>library-history 的应答中有字段类型不正确</translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>没有要修改的内容。</translation>
    </message>
    <message>
        <source>The number of versions to keep must be between %1 and %2, not %3.</source>
        <translation>保留的版本数必须在 %1 到 %2 之间，而不是 %3。</translation>
    </message>
    <message>
        <source>The days to keep versions must be between 0 (never expire) and %1, not %2.</source>
        <translation>版本保留天数必须在 0（永不过期）到 %1 之间，而不是 %2。</translation>
    </message>
    <message>
        <source>The merge interval must be 0 or between %1 and %2 seconds, not %3.</source>
        <translation>合并间隔必须为 0，或在 %1 到 %2 秒之间，而不是 %3。</translation>
    </message>
    <message>
        <source>Turning file history on for the first time needs the number of versions and the days to keep them.</source>
        <translation>首次开启文件历史版本时，需要同时指定保留的版本数和保留天数。</translation>
    </message>
    <message>
        <source>the usage reply has no byte count in totalFileSize</source>
        <translation>用量应答的 totalFileSize 中没有字节数</translation>
    </message>
    <message>
        <source>the space size reply has no byte count</source>
        <translation>空间大小应答中没有字节数</translation>
    </message>
    <message>
        <source>the clear was accepted but no taskId came back</source>
        <translation>清除请求已被接受，但没有返回 taskId</translation>
    </message>
</context>
<context>
    <name>HistoryCommand</name>
    <message>
        <source>--%1 needs a whole number, not &quot;%2&quot;.</source>
        <translation>--%1 需要一个整数，而不是“%2”。</translation>
    </message>
    <message>
        <source>history set: turn file history on.</source>
        <translation>history set：开启文件历史版本。</translation>
    </message>
    <message>
        <source>history set: turn file history off.</source>
        <translation>history set：关闭文件历史版本。</translation>
    </message>
    <message>
        <source>history set: versions kept per file (1-999).</source>
        <translation>history set：每个文件保留的版本数（1-999）。</translation>
    </message>
    <message>
        <source>n</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>history set: days versions are kept (0-999, 0 = never expire).</source>
        <translation>history set：版本保留天数（0-999，0 = 永不过期）。</translation>
    </message>
    <message>
        <source>history set: seconds within which saves merge into one version (0 or 5-600).</source>
        <translation>history set：在多少秒内的多次保存合并为一个版本（0 或 5-600）。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>history clear: yes, delete every historical version of the library.</source>
        <translation>history clear：确认删除媒体库的全部历史版本。</translation>
    </message>
    <message>
        <source>history clear: turn file history off first when it is on.</source>
        <translation>history clear：若文件历史版本已开启，先将其关闭。</translation>
    </message>
    <message>
        <source>history clear: print the task ID and exit without watching it.</source>
        <translation>history clear：输出任务 ID 后退出，不等待任务结束。</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>多余的参数“%1”。</translation>
    </message>
    <message>
        <source>--enable and --disable contradict each other.</source>
        <translation>--enable 与 --disable 相互矛盾。</translation>
    </message>
    <message>
        <source>--enable, --disable, --count, --expire-days and --merge-interval belong to history set.</source>
        <translation>--enable、--disable、--count、--expire-days 和 --merge-interval 仅用于 history set。</translation>
    </message>
    <message>
        <source>gave up: --timeout reached</source>
        <translation>已放弃：达到 --timeout</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>媒体库</translation>
    </message>
    <message>
        <source>File history</source>
        <translation>文件历史版本</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Versions kept</source>
        <translation>保留版本数</translation>
    </message>
    <message>
        <source>Days kept (0 = never expire)</source>
        <translation>保留天数（0 = 永不过期）</translation>
    </message>
    <message>
        <source>Merge interval (s)</source>
        <translation>合并间隔（秒）</translation>
    </message>
    <message>
        <source>Library usage</source>
        <translation>媒体库用量</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 字节）</translation>
    </message>
    <message>
        <source>Space %1</source>
        <translation>空间 %1</translation>
    </message>
    <message>
        <source>SETTING</source>
        <translation>设置项</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>值</translation>
    </message>
    <message>
        <source>SMH&apos;s usage figures can lag well behind under load.</source>
        <translation>SMH 的用量数据在负载较高时可能明显滞后。</translation>
    </message>
    <message>
        <source>File history settings sent; a change can take about a minute to apply.</source>
        <translation>文件历史版本设置已发送；修改可能需要约一分钟才会生效。</translation>
    </message>
    <message>
        <source>This deletes every historical version of library %1 and cannot be undone. Type the library ID to go on: </source>
        <translation>这将删除媒体库 %1 的全部历史版本，且无法撤销。输入媒体库 ID 以继续：</translation>
    </message>
    <message>
        <source>Nothing was changed: clearing historical versions of library %1 is irreversible; pass --yes to confirm.</source>
        <translation>未做任何修改：清除媒体库 %1 的历史版本不可撤销；请加 --yes 确认。</translation>
    </message>
    <message>
        <source>Nothing was changed; pass --disable-history to turn it off first.</source>
        <translation>未做任何修改；加 --disable-history 可先将其关闭。</translation>
    </message>
    <message>
        <source>authentication failed: %1</source>
        <translation>鉴权失败：%1</translation>
    </message>
    <message>
        <source>gave up after %1 failed attempts: %2</source>
        <translation>连续 %1 次尝试失败，已放弃：%2</translation>
    </message>
    <message>
        <source>TASK ID</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>DELETED VERSIONS</source>
        <translation>已删除版本数</translation>
    </message>
    <message>
        <source>USAGE BEFORE</source>
        <translation>清理前用量</translation>
    </message>
    <message>
        <source>USAGE AFTER</source>
        <translation>清理后用量</translation>
    </message>
    <message>
        <source>FREED</source>
        <translation>已释放</translation>
    </message>
    <message>
        <source>command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Last clear</source>
        <translation>上次清除</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>File history was turned off for it and may still be off.</source>
        <translation>文件历史曾为此关闭，可能仍处于关闭状态。</translation>
    </message>
    <message>
        <source>history report: only clears started on or after this ISO 8601 date or time.</source>
        <translation>history report：只列出在此 ISO 8601 日期或时间当时或之后开始的清理。</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>history needs show, set, clear or report, not &quot;%1&quot;.</source>
        <translation>history 需要 show、set、clear 或 report，而不是“%1”。</translation>
    </message>
    <message>
        <source>--since needs an ISO 8601 date such as 2026-01-31 or 2026-01-31T08:00:00Z, not &quot;%1&quot;.</source>
        <translation>--since 需要 ISO 8601 日期，例如 2026-01-31 或 2026-01-31T08:00:00Z，而不是“%1”。</translation>
    </message>
    <message>
        <source>history report writes csv or json, not &quot;%1&quot;.</source>
        <translation>history report 只能输出 csv 或 json，而不是“%1”。</translation>
    </message>
    <message>
        <source>Cannot read the task ledger: %1</source>
        <translation>无法读取任务记录库：%1</translation>
    </message>
    <message>
        <source>Cannot write the report: %1</source>
        <translation>无法写出报告：%1</translation>
    </message>
    <message>
        <source>Several libraries: history show --all (every saved profile) or --profile A --profile B; history clear --profile A --profile B ... --yes runs a cleanup campaign, at most --parallel libraries at once, with --output jsonl a JSON line per library and step. Run again after a crash, it follows the interrupted campaign and never sends a clear twice.

Exit codes: 0 done; 1 a clear&apos;s task failed; 2 usage or input error, or refused for it (file history on without --disable-history, no credential); 3 task not found; 4 authentication failed or not an admin token; 5 gave up (unreachable, --timeout, rate limited, left undone); 6 an undocumented status; 7 a clear&apos;s outcome is unknown. Of several libraries, the worst in this order: 7, 2, 4, 5, 1, 6, 3.</source>
        <translation>多个媒体库：history show --all（全部已保存的配置）或 --profile A --profile B；history clear --profile A --profile B ... --yes 运行一次清理活动，最多同时处理 --parallel 个媒体库，配合 --output jsonl 时每个媒体库的每一步输出一行 JSON。崩溃后再次运行会接续被中断的清理活动，绝不重复发送清除。

退出码：0 完成；1 清除任务失败；2 用法或输入错误，或因此被拒绝（文件历史版本开启而未加 --disable-history、无凭据）；3 任务未找到；4 鉴权失败或非管理员令牌；5 已放弃（无法连接、--timeout、限流、未完成）；6 未记录的状态码；7 清除结果未知。多个媒体库时取最严重者，顺序为：7、2、4、5、1、6、3。</translation>
    </message>
    <message>
        <source>history show: every saved profile, side by side.</source>
        <translation>history show：并列显示全部已保存的配置。</translation>
    </message>
    <message>
        <source>history show --all, and clear of several profiles: libraries at once (1-%1, default %2).</source>
        <translation>history show --all 及多个配置的清除：同时处理的媒体库数（1-%1，默认 %2）。</translation>
    </message>
    <message>
        <source>history clear of several profiles: put each library&apos;s file history settings back once its clear has finished.</source>
        <translation>多个配置的 history clear：每个媒体库清除完成后恢复其文件历史版本设置。</translation>
    </message>
</context>
<context>
    <name>HistoryLedger</name>
    <message>
        <source>A clear of library %1 is under way already, started %2 by %3.</source>
        <translation>媒体库 %1 已有一次清除正在进行，由 %3 于 %2 开始。</translation>
    </message>
    <message>
        <source>another monitor</source>
        <translation>另一个监视器</translation>
    </message>
    <message numerus="yes">
        <source>SMH accepts one clear of historical versions a minute per library; the next one may be sent in %n s.</source>
        <translation>
            <numerusform>SMH 每个媒体库每分钟只受理一次清除历史版本；下一次可在 %n 秒后发送。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was sent: the task ledger could not record the clear before sending it (%1).</source>
        <translation>未发送任何请求：任务账本无法在发送前记录此次清除（%1）。</translation>
    </message>
    <message>
        <source>The monitor that sent this clear stopped before SMH&apos;s answer was recorded: it may have been accepted. Look at the library&apos;s usage and file history, or ask Tencent Cloud support, before clearing again.</source>
        <translation>发送此次清除的监视器在记录 SMH 的回复之前已停止：清除可能已被受理。再次清除之前，请查看该媒体库的用量和文件历史，或咨询腾讯云技术支持。</translation>
    </message>
    <message>
        <source>The monitor that started this clear stopped before sending it.</source>
        <translation>开始此次清除的监视器在发送之前已停止。</translation>
    </message>
    <message>
        <source>%1, %2@%3, pid %4</source>
        <translation>%1，%2@%3，进程 %4</translation>
    </message>
</context>
<context>
    <name>HistoryService</name>
    <message>
        <source>no such connection</source>
        <translation>没有这个连接</translation>
    </message>
    <message>
        <source>no access token</source>
        <translation>缺少访问令牌</translation>
    </message>
    <message>
        <source>There is no such connection.</source>
        <translation>没有这个连接。</translation>
    </message>
    <message>
        <source>File history settings restored.</source>
        <translation>文件历史版本设置已恢复。</translation>
    </message>
    <message>
        <source>File history settings could not be restored: %1</source>
        <translation>无法恢复文件历史版本设置：%1</translation>
    </message>
    <message>
        <source>The monitor is closing.</source>
        <translation>监控程序正在关闭。</translation>
    </message>
    <message>
        <source>monitor</source>
        <translation>监视器</translation>
    </message>
    <message>
        <source>Nothing was sent: the task ledger could not record the change to file history (%1).</source>
        <translation>未发送任何请求：任务账本无法记录对文件历史的更改（%1）。</translation>
    </message>
    <message>
        <source>the change may have been applied: read the settings again before changing them once more</source>
        <translation>更改可能已生效：再次更改之前请重新读取设置</translation>
    </message>
    <message>
        <source>There are no earlier file history settings to put back.</source>
        <translation>没有可以恢复的先前文件历史设置。</translation>
    </message>
    <message>
        <source>Putting file history back was sent; no answer was recorded.</source>
        <translation>恢复文件历史的请求已发送；尚未记录到回复。</translation>
    </message>
    <message>
        <source>Nothing was sent: the task ledger could not record the change to file history.</source>
        <translation>未发送任何请求：任务账本无法记录对文件历史的更改。</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Keep historical versions of files</source>
        <translation>保留文件的历史版本</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>应用(&amp;A)</translation>
    </message>
    <message>
        <source>History &amp; Cleanup</source>
        <translation>历史版本与清理</translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation>连接(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>SMH&apos;s usage figures can lag well behind, so freed space may show only some time after a clear has finished.</source>
        <translation>SMH 的用量数据可能明显滞后，因此清除完成后，释放的空间可能要过一段时间才会显示。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Versions kept per file:</source>
        <translation>每个文件保留的版本数(&amp;V)：</translation>
    </message>
    <message>
        <source>never expire</source>
        <translation>永不过期</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>&amp;Keep versions for:</source>
        <translation>版本保留时长(&amp;K)：</translation>
    </message>
    <message>
        <source>no merging</source>
        <translation>不合并</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>&amp;Merge saves within:</source>
        <translation>合并此时间内的保存(&amp;M)：</translation>
    </message>
    <message>
        <source>A change can take about a minute to apply.</source>
        <translation>修改可能需要约一分钟才会生效。</translation>
    </message>
    <message>
        <source>Reading usage…</source>
        <translation>正在读取用量…</translation>
    </message>
    <message>
        <source>Reading the settings…</source>
        <translation>正在读取设置…</translation>
    </message>
    <message>
        <source>Reading and changing these settings needs an admin token: %1</source>
        <translation>读取和修改这些设置需要管理员令牌：%1</translation>
    </message>
    <message>
        <source>File history is on.</source>
        <translation>文件历史版本已开启。</translation>
    </message>
    <message>
        <source>File history is off: no historical versions are being kept.</source>
        <translation>文件历史版本已关闭：不会保留任何历史版本。</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>正在应用…</translation>
    </message>
    <message>
        <source>Sent. A change can take about a minute to apply.</source>
        <translation>已发送。修改可能需要约一分钟才会生效。</translation>
    </message>
    <message>
        <source>Library usage needs an admin token: %1</source>
        <translation>读取媒体库用量需要管理员令牌：%1</translation>
    </message>
    <message>
        <source>Library: %1</source>
        <translation>媒体库：%1</translation>
    </message>
    <message>
        <source>Space %1: %2</source>
        <translation>空间 %1：%2</translation>
    </message>
    <message>
        <source>(read %1)</source>
        <translation>（读取于 %1）</translation>
    </message>
    <message>
        <source>C&amp;lear Historical Versions… (%1 s)</source>
        <translation>清除历史版本(&amp;L)…（%1 秒）</translation>
    </message>
    <message>
        <source>C&amp;lear Historical Versions…</source>
        <translation>清除历史版本(&amp;L)…</translation>
    </message>
    <message>
        <source>Starting the clear…</source>
        <translation>正在启动清除…</translation>
    </message>
    <message>
        <source>Started as task %1; it is tracked in the task list and listed here.</source>
        <translation>已作为任务 %1 启动；它会在任务列表中被跟踪，并列在这里。</translation>
    </message>
    <message>
        <source>&amp;Turn File History Back On</source>
        <translation>重新开启文件历史(&amp;T)</translation>
    </message>
    <message>
        <source>A clear of this library is under way…</source>
        <translation>此媒体库的清除正在进行…</translation>
    </message>
    <message>
        <source>File history of this library may still be off: it was turned off for a clear whose outcome is unknown (%1). Overwritten files keep no versions until it is turned back on.</source>
        <translation>此媒体库的文件历史可能仍处于关闭状态：它曾为一次结果未知的清除而关闭（%1）。在重新开启之前，被覆盖的文件不会保留任何版本。</translation>
    </message>
    <message>
        <source>File history of this library may still be off: it was turned off for a clear that did not happen (%1). Overwritten files keep no versions until it is turned back on.</source>
        <translation>此媒体库的文件历史可能仍处于关闭状态：它曾为一次未执行的清除而关闭（%1）。在重新开启之前，被覆盖的文件不会保留任何版本。</translation>
    </message>
    <message>
        <source>File history was turned back on.</source>
        <translation>文件历史已重新开启。</translation>
    </message>
    <message>
        <source>File &amp;History</source>
        <translation>文件历史版本(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Storage</source>
        <translation>存储(&amp;S)</translation>
    </message>
    <message>
        <source>Clea&amp;nups</source>
        <translation>清理记录(&amp;N)</translation>
    </message>
    <message>
        <source>There is no connection yet: add one under Connection ▸ Manage Connections.</source>
        <translation>尚无连接：请在“连接 ▸ 管理连接”中添加。</translation>
    </message>
    <message>
        <source>library %1</source>
        <translation>媒体库 %1</translation>
    </message>
    <message>
        <source>History &amp; Cleanup — %1</source>
        <translation>历史版本与清理 — %1</translation>
    </message>
</context>
<context>
    <name>InstanceGuard</name>
    <message>
        <source>This is not a request of SMH Task Monitor.</source>
        <translation>这不是 SMH 任务监控器的请求。</translation>
    </message>
    <message>
        <source>The open window belongs to another version of SMH Task Monitor; close it first.</source>
        <translation>已打开的窗口属于另一个版本的 SMH 任务监控器，请先将其关闭。</translation>
    </message>
    <message>
        <source>The request is larger than %1 MiB and was not read.</source>
        <translation>请求超过 %1 MiB，未予读取。</translation>
    </message>
    <message>
        <source>The request is longer than it says.</source>
        <translation>请求的实际长度超过其声明的长度。</translation>
    </message>
    <message>
        <source>The window is closing.</source>
        <translation>窗口正在关闭。</translation>
    </message>
    <message>
        <source>a process that has ended</source>
        <translation>一个已结束的进程</translation>
    </message>
    <message>
        <source>process %1 on %2</source>
        <translation>%2 上的进程 %1</translation>
    </message>
    <message>
        <source>The ledger %1 is open in a window of SMH Task Monitor (%2) that does not answer; close that window or end the process, then try again.</source>
        <translation>任务台账 %1 已在一个无响应的 SMH 任务监控器窗口（%2）中打开；请关闭该窗口或结束该进程后重试。</translation>
    </message>
    <message>
        <source>The socket %1 belongs to another user; nothing was sent to it.</source>
        <translation>套接字 %1 属于其他用户，未向其发送任何内容。</translation>
    </message>
    <message>
        <source>The request is too large to hand to the open window (over %1 MiB); add the tasks there from a file instead.</source>
        <translation>请求过大（超过 %1 MiB），无法交给已打开的窗口；请改为在该窗口中从文件添加任务。</translation>
    </message>
    <message>
        <source>The window that has the ledger open (%1) did not answer within %2 s.</source>
        <translation>打开任务台账的窗口（%1）未在 %2 秒内响应。</translation>
    </message>
    <message>
        <source>The open window refused the request.</source>
        <translation>已打开的窗口拒绝了该请求。</translation>
    </message>
    <message>
        <source>The open window answered in a way this version does not understand.</source>
        <translation>已打开的窗口的回复无法被此版本理解。</translation>
    </message>
    <message>
        <source>This window does not hold the ledger.</source>
        <translation>此窗口未持有任务台账。</translation>
    </message>
    <message>
        <source>Later launches cannot hand their tasks to this window: the socket %1 cannot be created.</source>
        <translation>之后的启动无法将任务交给此窗口：无法创建套接字 %1。</translation>
    </message>
</context>
<context>
    <name>LaunchRequest</name>
    <message>
        <source>&quot;%1&quot; is not text.</source>
        <translation>“%1”不是文本。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is longer than %2 characters.</source>
        <translation>“%1”超过 %2 个字符。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not true or false.</source>
        <translation>“%1”不是 true 或 false。</translation>
    </message>
    <message>
        <source>The connection is not a map.</source>
        <translation>连接不是一个映射。</translation>
    </message>
    <message>
        <source>The request could not be read.</source>
        <translation>无法读取该请求。</translation>
    </message>
    <message>
        <source>The request is of another version of SMH Task Monitor.</source>
        <translation>该请求来自另一个版本的 SMH 任务监控器。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a short list.</source>
        <translation>“%1”不是一个简短的列表。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; holds something other than short text.</source>
        <translation>“%1”包含简短文本以外的内容。</translation>
    </message>
    <message>
        <source>The request was refused: %1</source>
        <translation>请求被拒绝：%1</translation>
    </message>
</context>
<context>
    <name>LedgerLocation</name>
    <message>
        <source>The ledger &quot;%1&quot; is not a PostgreSQL URL of the form postgresql://user@host:port/database.</source>
        <translation>账本“%1”不是 postgresql://用户@主机:端口/数据库 形式的 PostgreSQL URL。</translation>
    </message>
    <message>
        <source>The ledger&apos;s URL may only name sslmode in its query, not &quot;%1&quot;.</source>
        <translation>账本 URL 的查询部分只能指定 sslmode，不能指定“%1”。</translation>
    </message>
    <message>
        <source>This installation cannot reach a PostgreSQL ledger: Qt&apos;s PostgreSQL driver is missing (Debian and Ubuntu: install libqt6sql6-psql).</source>
        <translation>此安装无法连接 PostgreSQL 账本：缺少 Qt 的 PostgreSQL 驱动（Debian 和 Ubuntu：安装 libqt6sql6-psql）。</translation>
    </message>
    <message>
        <source>The ledger&apos;s URL must not carry a password: give it in PGPASSWORD or ~/.pgpass instead.</source>
        <translation>账本的 URL 不能包含密码：请改用 PGPASSWORD 或 ~/.pgpass 提供。</translation>
    </message>
</context>
<context>
    <name>LedgerLocationDialog</name>
    <message>
        <source>Ledger Location</source>
        <translation>账本位置</translation>
    </message>
    <message>
        <source>Where the window and the commands (watch, query, history, profile) keep their ledger when no --ledger is given.</source>
        <translation>未指定 --ledger 时，窗口和命令（watch、query、history、profile）使用的任务账本位置。</translation>
    </message>
    <message>
        <source>This c&amp;omputer</source>
        <translation>本机(&amp;O)</translation>
    </message>
    <message>
        <source>A &amp;team database (PostgreSQL)</source>
        <translation>团队数据库（PostgreSQL）(&amp;T)</translation>
    </message>
    <message>
        <source>from PGPASSWORD, ~/.pgpass or the keychain</source>
        <translation>取自 PGPASSWORD、~/.pgpass 或钥匙串</translation>
    </message>
    <message>
        <source>&amp;Keep the password in the keychain</source>
        <translation>将密码保存在钥匙串中(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;SSL mode:</source>
        <translation>SSL 模式(&amp;S)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>The password is looked for in PGPASSWORD, then ~/.pgpass, then the keychain; it is never saved in the settings.</source>
        <translation>密码依次从 PGPASSWORD、~/.pgpass、钥匙串中查找；绝不会保存在设置中。</translation>
    </message>
    <message>
        <source>Test &amp;Connection</source>
        <translation>测试连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Restart Now</source>
        <translation>立即重启(&amp;R)</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Saved. This window already uses that ledger.</source>
        <translation>已保存。本窗口已在使用该任务账本。</translation>
    </message>
    <message>
        <source>Saved. The commands use %1 from now on; this window keeps %2 until it starts again.</source>
        <translation>已保存。从现在起命令将使用 %1；本窗口在重新启动前仍使用 %2。</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>例如 %1</translation>
    </message>
</context>
<context>
    <name>LedgerPasswordJob</name>
    <message>
        <source>the keychain did not answer in time.</source>
        <translation>钥匙串未能及时响应。</translation>
    </message>
</context>
<context>
    <name>LedgerProbe</name>
    <message>
        <source>The server refused the password of user &quot;%1&quot;.</source>
        <translation>服务器拒绝了用户“%1”的密码。</translation>
    </message>
    <message>
        <source>The server asks for a password and none was found: type it here, or keep it in PGPASSWORD or ~/.pgpass.</source>
        <translation>服务器要求提供密码，但未找到密码：请在此输入，或将其保存在 PGPASSWORD 或 ~/.pgpass 中。</translation>
    </message>
    <message>
        <source>The server at %1 has no database &quot;%2&quot;.</source>
        <translation>%1 上的服务器没有名为“%2”的数据库。</translation>
    </message>
    <message>
        <source>The host &quot;%1&quot; is not known.</source>
        <translation>无法识别主机“%1”。</translation>
    </message>
    <message>
        <source>The server at %1 cannot be reached (%2).</source>
        <translation>无法连接 %1 上的服务器（%2）。</translation>
    </message>
    <message>
        <source>The server refused the connection: %1</source>
        <translation>服务器拒绝了连接：%1</translation>
    </message>
    <message>
        <source>The database cannot be read: %1</source>
        <translation>无法读取数据库：%1</translation>
    </message>
    <message>
        <source>Connected. The database is empty: the first monitor to start sets up the ledger there.</source>
        <translation>已连接。该数据库为空：第一个启动的监控程序会在其中建立任务账本。</translation>
    </message>
    <message>
        <source>Connected, but the database holds other tables and no task ledger: give the ledger a database of its own.</source>
        <translation>已连接，但该数据库中存放着其他表而没有任务账本：请为任务账本使用一个单独的数据库。</translation>
    </message>
    <message>
        <source>Connected, but the ledger was written by a newer version of SMH Task Monitor (schema %1, this version knows %2): update this program first.</source>
        <translation>已连接，但该任务账本由更新版本的 SMH 任务监控写入（架构 %1，本版本支持 %2）：请先更新本程序。</translation>
    </message>
    <message>
        <source>Connected: a task ledger this version can use.</source>
        <translation>已连接：本版本可以使用该任务账本。</translation>
    </message>
    <message numerus="yes">
        <source>The server did not answer within %n second(s).</source>
        <translation>
            <numerusform>服务器未在 %n 秒内响应。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LedgerSetting</name>
    <message>
        <source>The ledger location saved in %1 cannot be used: %2 Choose it again in the window (File &gt; Ledger Location…) or give --ledger.</source>
        <translation>%1 中保存的账本位置无法使用：%2 请在窗口中重新选择（文件 &gt; 账本位置…），或使用 --ledger。</translation>
    </message>
    <message>
        <source>The ledger location cannot be saved in %1.</source>
        <translation>无法将账本位置保存到 %1。</translation>
    </message>
    <message>
        <source>The team database&apos;s URL is too long.</source>
        <translation>团队数据库的 URL 过长。</translation>
    </message>
    <message>
        <source>A team database is given as postgresql://user@host:port/database.</source>
        <translation>团队数据库的格式应为 postgresql://用户@主机:端口/数据库。</translation>
    </message>
    <message>
        <source>The team database needs a host.</source>
        <translation>团队数据库需要填写主机。</translation>
    </message>
    <message>
        <source>The team database needs a database name.</source>
        <translation>团队数据库需要填写数据库名称。</translation>
    </message>
    <message>
        <source>The team database needs a user name.</source>
        <translation>团队数据库需要填写用户名。</translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation>端口必须在 1 到 65535 之间。</translation>
    </message>
    <message>
        <source>The host is not a valid host name or address.</source>
        <translation>主机不是有效的主机名或地址。</translation>
    </message>
    <message>
        <source>The URL must not carry a password: it would be saved in the settings file. Keep it in the keychain, in PGPASSWORD or in ~/.pgpass instead.</source>
        <translation>URL 中不能包含密码：否则密码会被保存到设置文件中。请改为将其保存在钥匙串、PGPASSWORD 或 ~/.pgpass 中。</translation>
    </message>
</context>
<context>
    <name>LedgerWaitWindow</name>
    <message>
        <source>Retry Now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Team ledger unreachable</source>
        <translation>无法连接团队账本</translation>
    </message>
    <message>
        <source>Your tasks open here as soon as the ledger answers; nothing is polled meanwhile.</source>
        <translation>账本一有响应，任务就会在此打开；在此之前不会查询任何任务。</translation>
    </message>
    <message>
        <source>Connecting to the team ledger at %1…</source>
        <translation>正在连接位于 %1 的团队账本…</translation>
    </message>
    <message>
        <source>The team ledger at %1 cannot be reached: %2. Trying again now…</source>
        <translation>无法连接位于 %1 的团队账本：%2。正在重试…</translation>
    </message>
    <message>
        <source>The team ledger at %1 cannot be reached: %2. Retrying in %3 s.</source>
        <translation>无法连接位于 %1 的团队账本：%2。%3 秒后重试。</translation>
    </message>
</context>
<context>
    <name>LibrariesModel</name>
    <message>
        <source>Campaign: %1</source>
        <translation>批量清理：%1</translation>
    </message>
    <message>
        <source>Never read</source>
        <translation>从未读取</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>已读取</translation>
    </message>
    <message>
        <source>Not an admin token</source>
        <translation>不是管理员令牌</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>无法连接</translation>
    </message>
    <message>
        <source>Read failed</source>
        <translation>读取失败</translation>
    </message>
    <message>
        <source>Read %1</source>
        <translation>已读取 %1</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Never expire</source>
        <translation>永不过期</translation>
    </message>
    <message>
        <source>No merging</source>
        <translation>不合并</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>After the running clear</source>
        <translation>当前清除结束后</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Library %1</source>
        <translation>媒体库 %1</translation>
    </message>
    <message>
        <source>Space %1</source>
        <translation>租户空间 %1</translation>
    </message>
    <message>
        <source>Settings and usage read %1</source>
        <translation>设置与用量读取于 %1</translation>
    </message>
    <message>
        <source>Not read from SMH since the monitor started</source>
        <translation>监控启动以来尚未从 SMH 读取</translation>
    </message>
    <message>
        <source>No usage read yet</source>
        <translation>尚未读取用量</translation>
    </message>
    <message>
        <source>Library: %1, read %2</source>
        <translation>媒体库：%1，读取于 %2</translation>
    </message>
    <message>
        <source>Space %1: %2</source>
        <translation>租户空间 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Last %n reading(s): from %1 to %2</source>
        <translation>
            <numerusform>最近 %n 次读数：从 %1 到 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>SMH accepts one clear a minute per library.</source>
        <translation>SMH 每个媒体库每分钟只接受一次清除。</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>媒体库</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史版本</translation>
    </message>
    <message>
        <source>Versions</source>
        <translation>保留版本</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>保留天数</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Last cleanup</source>
        <translation>上次清理</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Freed</source>
        <translation>已释放</translation>
    </message>
    <message>
        <source>Next clear</source>
        <translation>下次可清除</translation>
    </message>
</context>
<context>
    <name>LibrariesView</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;History &amp;&amp; Cleanup…</source>
        <translation>历史版本与清理(&amp;H)…</translation>
    </message>
    <message>
        <source>Clean &amp;Up Selected Libraries…</source>
        <translation>清理所选媒体库(&amp;U)…</translation>
    </message>
    <message>
        <source>Filter: library, space, status… (%1)</source>
        <translation>筛选：媒体库、租户空间、状态…（%1）</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>&amp;Refresh Libraries</source>
        <translation>刷新媒体库(&amp;R)</translation>
    </message>
    <message>
        <source>Read the selected libraries (all when none is selected) from SMH now (%1); a library read in the last half minute is not read again</source>
        <translation>立即从 SMH 读取所选媒体库（未选择时读取全部）（%1）；半分钟内读取过的媒体库不会再次读取</translation>
    </message>
    <message>
        <source>&amp;Find Library</source>
        <translation>查找媒体库(&amp;F)</translation>
    </message>
    <message>
        <source>Clear the historical versions of every selected library, in one guarded campaign (%1)</source>
        <translation>在一次受保护的批量清理中清除所有所选媒体库的历史版本（%1）</translation>
    </message>
    <message>
        <source>Settings, storage and cleanups of the current library (Enter or double click)</source>
        <translation>当前媒体库的设置、存储与清理记录（回车或双击）</translation>
    </message>
    <message>
        <source>Every library asked for was read a moment ago.</source>
        <translation>所请求的媒体库刚刚已读取过。</translation>
    </message>
    <message>
        <source>No connections yet</source>
        <translation>尚无连接</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n library(ies)</source>
        <translation>
            <numerusform>%1 / %n 个媒体库</numerusform>
        </translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>正在读取…</translation>
    </message>
</context>
<context>
    <name>LibraryFilterModel</name>
    <message>
        <source>All libraries</source>
        <translation>全部媒体库</translation>
    </message>
    <message>
        <source>History on</source>
        <translation>历史版本已开启</translation>
    </message>
    <message>
        <source>History off</source>
        <translation>历史版本已关闭</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>Never read</source>
        <translation>从未读取</translation>
    </message>
    <message>
        <source>The connection: its library and space</source>
        <translation>连接：其媒体库与租户空间</translation>
    </message>
    <message>
        <source>What the last read of the library&apos;s settings and usage came to</source>
        <translation>上次读取媒体库设置与用量的结果</translation>
    </message>
    <message>
        <source>Whether the library keeps historical versions of files</source>
        <translation>媒体库是否保留文件的历史版本</translation>
    </message>
    <message>
        <source>Versions kept per file (1–999)</source>
        <translation>每个文件保留的版本数（1–999）</translation>
    </message>
    <message>
        <source>Days a version is kept (0: it never expires)</source>
        <translation>版本保留天数（0：永不过期）</translation>
    </message>
    <message>
        <source>Merge interval: saves within it make one version</source>
        <translation>合并间隔：间隔内的多次保存合为一个版本</translation>
    </message>
    <message>
        <source>The library&apos;s storage as last read (SMH&apos;s figures lag behind)</source>
        <translation>上次读取的媒体库存储用量（SMH 的数据有延迟）</translation>
    </message>
    <message>
        <source>The last readings of the library&apos;s storage</source>
        <translation>媒体库存储用量的最近读数</translation>
    </message>
    <message>
        <source>When the library&apos;s historical versions were last cleared</source>
        <translation>上次清除媒体库历史版本的时间</translation>
    </message>
    <message>
        <source>What became of the last clear</source>
        <translation>上次清除的结果</translation>
    </message>
    <message>
        <source>Versions deleted by the last clear, when SMH told</source>
        <translation>上次清除删除的版本数（SMH 提供时）</translation>
    </message>
    <message>
        <source>Storage the last clear freed: usage before less usage after</source>
        <translation>上次清除释放的存储：清理前用量减清理后用量</translation>
    </message>
    <message>
        <source>When SMH accepts the next clear of the library</source>
        <translation>SMH 何时接受该媒体库的下一次清除</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Demo: embedded SMH simulator</source>
        <translation>演示：内置 SMH 模拟器</translation>
    </message>
    <message>
        <source>No task matches the filter.</source>
        <translation>没有符合筛选条件的任务。</translation>
    </message>
    <message>
        <source>Filter: ID, path, inode, note… (%1)</source>
        <translation>筛选：ID、路径、inode、备注…（%1）</translation>
    </message>
    <message>
        <source>Copied %1.</source>
        <translation>已复制%1。</translation>
    </message>
    <message>
        <source>&amp;Add Tasks…</source>
        <translation>添加任务(&amp;A)…</translation>
    </message>
    <message>
        <source>Watch more task IDs (%1)</source>
        <translation>监控更多任务 ID（%1）</translation>
    </message>
    <message>
        <source>&amp;Import IDs from File…</source>
        <translation>从文件导入 ID(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export Visible Rows…</source>
        <translation>导出可见行(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the rows shown as CSV or JSON</source>
        <translation>将当前显示的行保存为 CSV 或 JSON</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Copy Rows</source>
        <translation>复制行(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>移除(&amp;R)…</translation>
    </message>
    <message>
        <source>Stop watching the selected tasks (Delete)</source>
        <translation>停止监控所选任务（Delete）</translation>
    </message>
    <message>
        <source>Edit &amp;Note</source>
        <translation>编辑备注(&amp;N)</translation>
    </message>
    <message>
        <source>Re-&amp;check</source>
        <translation>重新检查(&amp;C)</translation>
    </message>
    <message>
        <source>Ask SMH again about the selected finished tasks (%1)</source>
        <translation>向 SMH 重新查询所选的已结束任务（%1）</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Manage Connections…</source>
        <translation>管理连接(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Poll Now</source>
        <translation>立即轮询(&amp;P)</translation>
    </message>
    <message>
        <source>Ask SMH about every unfinished task now (F5)</source>
        <translation>立即向 SMH 查询所有未完成的任务（F5）</translation>
    </message>
    <message>
        <source>Polling now…</source>
        <translation>正在轮询…</translation>
    </message>
    <message>
        <source>P&amp;ause Polling</source>
        <translation>暂停轮询(&amp;A)</translation>
    </message>
    <message>
        <source>Polling paused.</source>
        <translation>已暂停轮询。</translation>
    </message>
    <message>
        <source>Polling resumed.</source>
        <translation>已恢复轮询。</translation>
    </message>
    <message>
        <source>&amp;About SMH Task Monitor</source>
        <translation>关于 SMH 任务监控(&amp;A)</translation>
    </message>
    <message>
        <source>About SMH Task Monitor</source>
        <translation>关于 SMH 任务监控</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>&amp;Filters Sidebar</source>
        <translation>筛选侧栏(&amp;F)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>&amp;Details Pane</source>
        <translation>详情面板(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>列(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;State Filter</source>
        <translation>状态筛选(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Notifications</source>
        <translation>通知(&amp;N)</translation>
    </message>
    <message>
        <source>When Tasks &amp;Finish</source>
        <translation>任务结束时(&amp;F)</translation>
    </message>
    <message>
        <source>Only When Tasks &amp;Fail</source>
        <translation>仅任务失败时(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Off</source>
        <translation>关闭(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Connection</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Show Window</source>
        <translation>显示窗口(&amp;S)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Connection %1</source>
        <translation>连接 %1</translation>
    </message>
    <message>
        <source>Add Tasks</source>
        <translation>添加任务</translation>
    </message>
    <message>
        <source>Import Task IDs</source>
        <translation>导入任务 ID</translation>
    </message>
    <message>
        <source>Task ID lists (*.txt *.csv *.tsv *.log);;All files (*)</source>
        <translation>任务 ID 列表 (*.txt *.csv *.tsv *.log);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Secrets are kept for this session only.</source>
        <translation>密钥仅在本次会话中保留。</translation>
    </message>
    <message>
        <source>Remove Connections</source>
        <translation>删除连接</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Remove Tasks</source>
        <translation>移除任务</translation>
    </message>
    <message>
        <source>They leave the list and the ledger; nothing changes on the server.</source>
        <translation>这些任务将从列表和任务记录库中移除，服务器上的数据不受影响。</translation>
    </message>
    <message>
        <source>The tasks could not be removed: %1</source>
        <translation>无法移除任务：%1</translation>
    </message>
    <message>
        <source>Export Visible Rows</source>
        <translation>导出可见行</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>&amp;Resume Polling</source>
        <translation>恢复轮询(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit Connection…</source>
        <translation>编辑连接(&amp;E)…</translation>
    </message>
    <message>
        <source>Demo mode: embedded SMH simulator</source>
        <translation>演示模式：内置 SMH 模拟器</translation>
    </message>
    <message>
        <source>Tasks come from a simulator on 127.0.0.1; nothing is sent to Tencent Cloud.</source>
        <translation>任务来自 127.0.0.1 上的模拟器，不会向腾讯云发送任何请求。</translation>
    </message>
    <message>
        <source>Kept for this session; type to replace</source>
        <translation>仅在本次会话中保留；输入以替换</translation>
    </message>
    <message>
        <source>Kept in the private file; type to replace</source>
        <translation>保存在私有文件中；输入以替换</translation>
    </message>
    <message>
        <source>The tasks could not be saved: %1</source>
        <translation>无法保存这些任务：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) copied.</source>
        <translation>
            <numerusform>已复制 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SMH Task Monitor %1&lt;/h3&gt;&lt;p&gt;Watches Tencent Cloud Smart Media Hosting asynchronous tasks: polls their status, keeps a ledger of every change and tells you when they finish.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SMH 任务监控 %1&lt;/h3&gt;&lt;p&gt;监控腾讯云智能媒资托管（SMH）的异步任务：轮询任务状态，记录每次变化，并在任务结束时通知您。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Tasks belong to an SMH library: add a connection to it first.</source>
        <translation>任务属于某个 SMH 媒体库：请先添加到该媒体库的连接。</translation>
    </message>
    <message>
        <source>Add Connection…</source>
        <translation>添加连接…</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) removed.</source>
        <translation>
            <numerusform>已移除 %n 个任务。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Asking SMH again about %n task(s)…</source>
        <translation>
            <numerusform>正在向 SMH 重新查询 %n 个任务…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n row(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 行保存到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Add Tasks…</source>
        <translation>添加任务…</translation>
    </message>
    <message>
        <source>Try the Demo</source>
        <translation>试用演示</translation>
    </message>
    <message>
        <source>Opens a second window that watches tasks on a simulator on this computer; nothing is sent to Tencent Cloud.</source>
        <translation>打开另一个窗口，监控本机模拟器上的任务；不会向腾讯云发送任何请求。</translation>
    </message>
    <message>
        <source>Clear Filter</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>No tasks are watched yet.
Tasks belong to an SMH library: add a connection to it, or try the monitor on a built-in simulator first.</source>
        <translation>尚未监控任何任务。
任务属于某个 SMH 媒体库：请添加到该媒体库的连接，或先在内置模拟器上试用本监控。</translation>
    </message>
    <message>
        <source>No tasks are watched yet.
Add task IDs, or drop a file of IDs here.</source>
        <translation>尚未监控任何任务。
请添加任务 ID，或将包含 ID 的文件拖放到此处。</translation>
    </message>
    <message>
        <source>Starting the demo in a new window…</source>
        <translation>正在新窗口中启动演示…</translation>
    </message>
    <message>
        <source>The demo could not be started.</source>
        <translation>无法启动演示。</translation>
    </message>
    <message>
        <source>Edit Note</source>
        <translation>编辑备注</translation>
    </message>
    <message>
        <source>Note for task %1:</source>
        <translation>任务 %1 的备注：</translation>
    </message>
    <message>
        <source>The note could not be saved: %1</source>
        <translation>无法保存备注：%1</translation>
    </message>
    <message>
        <source>Tokens and library secrets are kept in the desktop keychain, never in settings, the task ledger or exports.</source>
        <translation>访问令牌和媒体库密钥保存在桌面钥匙串中，绝不会写入设置、任务记录库或导出文件。</translation>
    </message>
    <message>
        <source>No keychain answered: tokens and library secrets are kept in a private file only your user account can read (%1), never in settings, the task ledger or exports.</source>
        <translation>钥匙串不可用：访问令牌和媒体库密钥保存在仅您的用户帐户可读的私有文件中（%1），绝不会写入设置、任务记录库或导出文件。</translation>
    </message>
    <message>
        <source>No keychain answered: tokens and library secrets are kept in memory for this session only, never in settings, the task ledger or exports.</source>
        <translation>钥匙串不可用：访问令牌和媒体库密钥仅在本次会话中保存在内存里，绝不会写入设置、任务记录库或导出文件。</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab 键、Shift+Tab 键</translation>
    </message>
    <message>
        <source>Move between the filter box, sidebar, table and details</source>
        <translation>在筛选框、侧栏、任务表和详情之间切换</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>方向键</translation>
    </message>
    <message>
        <source>Move within the table or a list</source>
        <translation>在任务表或列表内移动</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Esc 键</translation>
    </message>
    <message>
        <source>Clear the filter box (again: back to the table)</source>
        <translation>清空筛选框（再按一次：回到任务表）</translation>
    </message>
    <message>
        <source>Double-click a note</source>
        <translation>双击备注</translation>
    </message>
    <message>
        <source>Edit it in place</source>
        <translation>直接编辑备注</translation>
    </message>
    <message>
        <source>&amp;History &amp;&amp; Cleanup…</source>
        <translation>历史版本与清理(&amp;H)…</translation>
    </message>
    <message>
        <source>Adding tasks: %1 of %2…</source>
        <translation>正在添加任务：%1 / %2…</translation>
    </message>
    <message>
        <source>%1 of %2 task IDs were saved; the rest could not be: %3</source>
        <translation>已保存 %2 个任务 ID 中的 %1 个；其余的无法保存：%3</translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s)</source>
        <translation>
            <numerusform>%Ln 个任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln task(s) shown</source>
        <translation>
            <numerusform>显示 %1/%Ln 个任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln task(s) added.</source>
        <translation>
            <numerusform>已添加 %Ln 个任务。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln already watched.</source>
        <translation>
            <numerusform>%Ln 个已在监控中。</numerusform>
        </translation>
    </message>
    <message>
        <source>The filter hides them: clear it (Escape in the filter) to see them.</source>
        <translation>筛选条件隐藏了它们：清除筛选（在筛选框中按 Esc）即可看到。</translation>
    </message>
    <message numerus="yes">
        <source>Stop watching %Ln task(s)?</source>
        <translation>
            <numerusform>停止监控 %Ln 个任务？</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (when the %2 has the focus)</source>
        <translation>%1（当焦点在%2中时）</translation>
    </message>
    <message>
        <source>%1 (where it has the focus)</source>
        <translation>%1（在拥有焦点的位置）</translation>
    </message>
    <message>
        <source>Export &amp;Cleanup Report…</source>
        <translation>导出清理报告(&amp;C)…</translation>
    </message>
    <message numerus="yes">
        <source>Removing %1 also stops watching its %Ln task(s). Nothing changes on the server.</source>
        <translation>
            <numerusform>删除 %1 将同时停止监控其下的 %Ln 个任务。服务器上的数据不受影响。</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear &amp;Several Libraries…</source>
        <translation>批量清除多个媒体库(&amp;S)…</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>媒体库</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Libraries</source>
        <translation>媒体库(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Ledger Location…</source>
        <translation>账本位置(&amp;L)…</translation>
    </message>
    <message>
        <source>The monitor could not be started again; start it yourself to use the new ledger.</source>
        <translation>无法重新启动监控程序；请手动启动它以使用新的任务账本。</translation>
    </message>
    <message>
        <source>This waits until the ledger answers again.</source>
        <translation>此操作需等到账本恢复响应后才能进行。</translation>
    </message>
</context>
<context>
    <name>MonitorOptions</name>
    <message>
        <source>Cannot read the %1 file &quot;%2&quot;: %3</source>
        <translation>无法读取%1文件“%2”：%3</translation>
    </message>
    <message>
        <source>The %1 file &quot;%2&quot; is too large.</source>
        <translation>%1文件“%2”过大。</translation>
    </message>
    <message>
        <source>The %1 file &quot;%2&quot; is empty.</source>
        <translation>%1文件“%2”为空。</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Media library ID (env SMH_LIBRARY_ID).</source>
        <translation>媒体库 ID（环境变量 SMH_LIBRARY_ID）。</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Tenant space ID; &quot;-&quot; for a single-tenant library (default; env SMH_SPACE_ID).</source>
        <translation>租户空间 ID；单租户媒体库使用“-”（默认值；环境变量 SMH_SPACE_ID）。</translation>
    </message>
    <message>
        <source>Query without a space ID (/api/v1/task/{LibraryId}/{TaskIdList}).</source>
        <translation>查询时不带租户空间 ID（/api/v1/task/{LibraryId}/{TaskIdList}）。</translation>
    </message>
    <message>
        <source>User ID sent with each query (env SMH_USER_ID).</source>
        <translation>每次查询时发送的用户 ID（环境变量 SMH_USER_ID）。</translation>
    </message>
    <message>
        <source>Read the access token from this file (or env SMH_ACCESS_TOKEN).</source>
        <translation>从该文件读取访问令牌（或环境变量 SMH_ACCESS_TOKEN）。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Read the library secret from this file (or env SMH_LIBRARY_SECRET) and mint tokens from it.</source>
        <translation>从该文件读取媒体库密钥（或环境变量 SMH_LIBRARY_SECRET），并用其生成访问令牌。</translation>
    </message>
    <message>
        <source>Also trust the CA certificates in this PEM file.</source>
        <translation>额外信任该 PEM 文件中的 CA 证书。</translation>
    </message>
    <message>
        <source>Base poll interval in seconds (default 3).</source>
        <translation>基础轮询间隔，单位为秒（默认为 3）。</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>Longest poll interval in seconds (default 60).</source>
        <translation>最长轮询间隔，单位为秒（默认为 60）。</translation>
    </message>
    <message>
        <source>watch: give up after this many seconds.</source>
        <translation>watch：超过该秒数后放弃。</translation>
    </message>
    <message>
        <source>Output format: text, json or jsonl (default text).</source>
        <translation>输出格式：text、json 或 jsonl（默认为 text）。</translation>
    </message>
    <message>
        <source>format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Read task IDs from this file (&quot;-&quot; for standard input).</source>
        <translation>从该文件读取任务 ID（“-”表示标准输入）。</translation>
    </message>
    <message>
        <source>Print no progress, only the result.</source>
        <translation>不输出进度，仅输出结果。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>User interface language, e.g. en or zh_CN (default: the system&apos;s).</source>
        <translation>界面语言，例如 en 或 zh_CN（默认跟随系统）。</translation>
    </message>
    <message>
        <source>locale</source>
        <translation>语言区域</translation>
    </message>
    <message>
        <source>watch or query (optional).</source>
        <translation>watch 或 query（可选）。</translation>
    </message>
    <message>
        <source>Task IDs: 10, 10,12,13, ranges like 100-120, or - to read standard input.</source>
        <translation>任务 ID：10、10,12,13、范围（如 100-120），或 - 表示从标准输入读取。</translation>
    </message>
    <message>
        <source>--output must be text, json or jsonl, not &quot;%1&quot;.</source>
        <translation>--output 必须为 text、json 或 jsonl，而不是“%1”。</translation>
    </message>
    <message>
        <source>token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>library secret</source>
        <translation>媒体库密钥</translation>
    </message>
    <message>
        <source>--%1 needs a number of seconds from %2 to %3, not &quot;%4&quot;.</source>
        <translation>--%1 需要 %2 到 %3 之间的秒数，而不是“%4”。</translation>
    </message>
    <message>
        <source>Task queries per second to one library, at most (default 2; a 429 halves it for ten minutes).</source>
        <translation>每个媒体库每秒最多的任务查询次数（默认 2；收到 429 后十分钟内减半）。</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>--request-rate needs a number of queries per second from 0.01 to 100, not &quot;%1&quot;.</source>
        <translation>--request-rate 需要每秒 0.01 到 100 次之间的查询次数，而不是“%1”。</translation>
    </message>
    <message>
        <source>SMH base URL (default: the library&apos;s own host, https://LIBRARY.api.tencentsmh.cn; env SMH_ENDPOINT).</source>
        <translation>SMH 基础 URL（默认：媒体库自己的主机 https://LIBRARY.api.tencentsmh.cn；环境变量 SMH_ENDPOINT）。</translation>
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
        <translation>监控腾讯云智能媒资托管（SMH）任务。

命令：
  （无）  打开监控窗口
  watch   持续轮询，直到所有任务结束后退出
  query   查询一次，输出结果后退出
  history show | set | clear
          媒体库的文件历史版本：查看或修改其设置，以及清除所有历史版本
          （clear 需要 --yes）
  profile add NAME | list | remove NAME
          为脚本和定时任务保存的连接（add 接受连接选项；其密钥保存在钥匙串中，
          或通过 --store-secret-in-file 保存在私有文件中）

每个任务台账只有一个窗口：窗口打开时再次启动本程序，会将任务 ID 和连接交给该窗口后退出。命令行命令从不受其阻挡。

凭据从环境变量（SMH_ACCESS_TOKEN 或 SMH_LIBRARY_SECRET）或文件中读取，绝不从命令行读取。</translation>
    </message>
    <message>
        <source>Use the embedded SMH simulator instead of a real endpoint; without task IDs, watch its own demo tasks (990, 1001-1027 and the library-level clear 9000).</source>
        <translation>使用内置的 SMH 模拟器代替真实接入地址；未指定任务 ID 时，监控其自带的演示任务（990、1001-1027 以及媒体库级清理任务 9000）。</translation>
    </message>
    <message>
        <source>Use a saved connection profile; watch and query record their tasks in the ledger under it (without task IDs, watch follows its unfinished tasks).</source>
        <translation>使用已保存的连接配置；watch 和 query 会将其任务记录到该连接下的台账中（不给任务 ID 时，watch 跟踪该连接所有未完成的任务）。</translation>
    </message>
    <message>
        <source>With --profile: keep the tasks in memory only, not in the ledger.</source>
        <translation>与 --profile 一起使用：任务只保存在内存中，不写入台账。</translation>
    </message>
    <message>
        <source>The ledger: a file (default: ledger.sqlite in the application&apos;s data folder), or a team&apos;s PostgreSQL database, postgresql://user@host:port/database (its password from PGPASSWORD or ~/.pgpass, never from the command line).</source>
        <translation>账本：一个文件（默认：应用数据文件夹中的 ledger.sqlite），或团队的 PostgreSQL 数据库 postgresql://用户@主机:端口/数据库（密码取自 PGPASSWORD 或 ~/.pgpass，绝不取自命令行）。</translation>
    </message>
    <message>
        <source>location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>--ledger needs a file or a postgresql:// URL.</source>
        <translation>--ledger 需要一个文件或 postgresql:// URL。</translation>
    </message>
</context>
<context>
    <name>PollLease</name>
    <message>
        <source>%1@%2, pid %3</source>
        <translation>%1@%2，进程 %3</translation>
    </message>
</context>
<context>
    <name>PollScheduler</name>
    <message>
        <source>SMH&apos;s answer about this task alone is larger than the %1 a reply may have, so its status and result cannot be read. It is not asked about again unless re-checked. (%2)</source>
        <translation>SMH 关于此任务的应答本身就超过了单个应答允许的 %1，因此无法读取其状态和结果。除非重新检查，否则不会再查询它。（%2）</translation>
    </message>
</context>
<context>
    <name>PrivateFile</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot make the folder %1 private.</source>
        <translation>无法将文件夹 %1 设为仅本人可访问。</translation>
    </message>
    <message>
        <source>Cannot make %1 private.</source>
        <translation>无法将 %1 设为仅本人可访问。</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
</context>
<context>
    <name>ProfileCommand</name>
    <message>
        <source>profile add: keep the token or secret in the private secrets file (only your user can read it) instead of the keychain.</source>
        <translation>profile add：将令牌或密钥保存在私有密钥文件（仅您的用户可读）中，而不是钥匙串中。</translation>
    </message>
    <message>
        <source>profile remove: also when the profile still has tasks, which go with it.</source>
        <translation>profile remove：即使该配置仍有任务也删除，任务将随之删除。</translation>
    </message>
    <message>
        <source>profile needs add, list or remove, not &quot;%1&quot;.</source>
        <translation>profile 需要 add、list 或 remove，而不是“%1”。</translation>
    </message>
    <message>
        <source>profile %1 needs the profile&apos;s name.</source>
        <translation>profile %1 需要配置名称。</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>多余的参数“%1”。</translation>
    </message>
    <message>
        <source>A profile&apos;s name is one line of 1 to %1 characters.</source>
        <translation>配置名称须为一行，长度为 1 到 %1 个字符。</translation>
    </message>
    <message>
        <source>The profile commands work on saved profiles; --demo has none.</source>
        <translation>profile 命令作用于已保存的配置；--demo 没有已保存的配置。</translation>
    </message>
    <message>
        <source>--store-secret-in-file belongs to profile add.</source>
        <translation>--store-secret-in-file 只能用于 profile add。</translation>
    </message>
    <message>
        <source>profile add needs --library ID (and --endpoint URL for a private deployment).</source>
        <translation>profile add 需要 --library ID（私有部署还需要 --endpoint URL）。</translation>
    </message>
    <message>
        <source>Give --token-file or --secret-file, not both.</source>
        <translation>请指定 --token-file 或 --secret-file，不能同时指定。</translation>
    </message>
    <message>
        <source>--store-secret-in-file needs a token or secret to keep: --token-file or --secret-file.</source>
        <translation>--store-secret-in-file 需要要保存的令牌或密钥：--token-file 或 --secret-file。</translation>
    </message>
    <message>
        <source>--yes belongs to profile remove.</source>
        <translation>--yes 只能用于 profile remove。</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; exists already; remove it first to replace it.</source>
        <translation>名为“%1”的配置已存在；如需替换，请先将其删除。</translation>
    </message>
    <message>
        <source>This library and space are saved already, as the profile &quot;%1&quot;.</source>
        <translation>该媒体库和空间已保存为配置“%1”。</translation>
    </message>
    <message numerus="yes">
        <source>The keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>钥匙串未在 %n 秒内响应。</numerusform>
        </translation>
    </message>
    <message>
        <source>No keychain is available to keep the secret, so the profile was not saved. Add --store-secret-in-file to keep it in a file only your user can read, or save the profile without a secret and give one at each run (SMH_ACCESS_TOKEN, --token-file).</source>
        <translation>没有可用的钥匙串来保存密钥，因此配置未保存。请添加 --store-secret-in-file 将其保存在仅您的用户可读的文件中，或保存不含密钥的配置，并在每次运行时提供凭据（SMH_ACCESS_TOKEN、--token-file）。</translation>
    </message>
    <message>
        <source>its secret is in the keychain.</source>
        <translation>其密钥保存在钥匙串中。</translation>
    </message>
    <message>
        <source>its secret is in %1, which only your user can read.</source>
        <translation>其密钥保存在 %1 中，仅您的用户可读。</translation>
    </message>
    <message>
        <source>no secret saved: give one at each run (SMH_ACCESS_TOKEN or SMH_LIBRARY_SECRET, --token-file, --secret-file), or in the window.</source>
        <translation>未保存密钥：请在每次运行时提供（SMH_ACCESS_TOKEN 或 SMH_LIBRARY_SECRET、--token-file、--secret-file），或在窗口中设置。</translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; saved (%2); %3</source>
        <translation>配置“%1”已保存（%2）；%3</translation>
    </message>
    <message>
        <source>No profiles saved yet: add one with &quot;smh-task-monitor profile add NAME --library ID&quot;, or in the window.</source>
        <translation>尚未保存任何配置：请使用“smh-task-monitor profile add NAME --library ID”添加，或在窗口中添加。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>LIBRARY</source>
        <translation>媒体库</translation>
    </message>
    <message>
        <source>SPACE</source>
        <translation>空间</translation>
    </message>
    <message>
        <source>SCOPE</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>CREDENTIAL</source>
        <translation>凭据</translation>
    </message>
    <message>
        <source>ENDPOINT</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>library</source>
        <translation>媒体库</translation>
    </message>
    <message>
        <source>space</source>
        <translation>空间</translation>
    </message>
    <message>
        <source>secret</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>There is no saved profile named &quot;%1&quot;.</source>
        <translation>不存在名为“%1”的已保存连接配置。</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot; names %n profile(s); remove it in the window, where they can be told apart.</source>
        <translation>
            <numerusform>“%1”对应 %n 个配置；请在窗口中删除，在那里可以区分它们。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The profile &quot;%1&quot; still tracks %n task(s), which would be forgotten with it; add --yes to remove it all the same.</source>
        <translation>
            <numerusform>配置“%1”仍在跟踪 %n 个任务，删除配置会一并遗忘这些任务；如仍要删除，请添加 --yes。</numerusform>
        </translation>
    </message>
    <message>
        <source>Profile &quot;%1&quot; removed.</source>
        <translation>配置“%1”已删除。</translation>
    </message>
</context>
<context>
    <name>QuitGuard</name>
    <message>
        <source>Quit During a Cleanup?</source>
        <translation>批量清理进行中，确定退出？</translation>
    </message>
    <message numerus="yes">
        <source>A cleanup campaign is still running: %n library(s) not finished.</source>
        <translation>
            <numerusform>批量清理仍在运行：还有 %n 个媒体库未完成。</numerusform>
        </translation>
    </message>
    <message>
        <source>If you quit now, the libraries not yet started are left undone and named at the next start. A clear already sent is followed from the ledger then; it is never sent twice.</source>
        <translation>如果现在退出，尚未开始的媒体库将不会被清理，并会在下次启动时列出。已经发出的清理请求届时会根据台账继续跟踪，绝不会再次发送。</translation>
    </message>
    <message>
        <source>&amp;Keep Running</source>
        <translation>继续运行(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Quit Anyway</source>
        <translation>仍然退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>ResultItemModel</name>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed (%1)</source>
        <translation>失败（%1）</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>(no path)</source>
        <translation>（无路径）</translation>
    </message>
</context>
<context>
    <name>ResultView</name>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>… (too large to show)</source>
        <translation>…（太大，无法显示）</translation>
    </message>
    <message>
        <source>Open in &amp;Window</source>
        <translation>在窗口中打开(&amp;W)</translation>
    </message>
    <message>
        <source>Show the items in a window of their own, with room to read them</source>
        <translation>在单独的窗口中显示这些条目，便于阅读</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Items of %1</source>
        <translation>%1 的条目</translation>
    </message>
    <message>
        <source>This task has no items.</source>
        <translation>此任务没有条目。</translation>
    </message>
    <message numerus="yes">
        <source>{%Ln field(s)}</source>
        <translation>
            <numerusform>{%Ln 个字段}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%Ln item(s)]</source>
        <translation>
            <numerusform>[%Ln 项]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>No keychain is available (%1): tokens and secrets are kept for this session only and must be entered again after a restart.</source>
        <translation>系统钥匙串不可用（%1）：访问令牌和密钥仅在本次会话中保留，重启后需要重新输入。</translation>
    </message>
    <message>
        <source>The keychain refused to store the secret: %1</source>
        <translation>系统钥匙串拒绝保存该密钥：%1</translation>
    </message>
    <message>
        <source>The keychain could not be read: %1</source>
        <translation>无法读取系统钥匙串：%1</translation>
    </message>
    <message>
        <source>No keychain is available: tokens and secrets are kept in %1, which only your user account can read.</source>
        <translation>系统钥匙串不可用：访问令牌和密钥保存在 %1 中，仅您的用户帐户可读。</translation>
    </message>
    <message>
        <source>The secrets file %1 cannot be examined.</source>
        <translation>无法检查密钥文件 %1。</translation>
    </message>
    <message>
        <source>The secrets file %1 belongs to another user; it is not used.</source>
        <translation>密钥文件 %1 属于其他用户，不予使用。</translation>
    </message>
    <message>
        <source>The secrets file %1 can be read by other users; it is not used. Make it private with &quot;chmod 600&quot;.</source>
        <translation>密钥文件 %1 可被其他用户读取，不予使用。请用“chmod 600”将其设为私有。</translation>
    </message>
    <message>
        <source>The secrets file %1 cannot be read: %2</source>
        <translation>无法读取密钥文件 %1：%2</translation>
    </message>
    <message>
        <source>The secrets file %1 is too large to be ours; it is not used.</source>
        <translation>密钥文件 %1 过大，不是本程序的文件，不予使用。</translation>
    </message>
    <message>
        <source>The secrets file %1 is damaged or from a newer version; it is not used and not overwritten.</source>
        <translation>密钥文件 %1 已损坏或来自更新的版本；不予使用，也不会被覆盖。</translation>
    </message>
    <message>
        <source>The secrets file %1 cannot be written: %2</source>
        <translation>无法写入密钥文件 %1：%2</translation>
    </message>
    <message>
        <source>Secrets cannot be kept in a file in this mode.</source>
        <translation>此模式下不能将密钥保存在文件中。</translation>
    </message>
    <message>
        <source>The secrets file %1 cannot be deleted: %2</source>
        <translation>无法删除密钥文件 %1：%2</translation>
    </message>
    <message>
        <source>No keychain is available: tokens and secrets are kept for this session only and must be entered again after a restart.</source>
        <translation>系统钥匙串不可用：访问令牌和密钥仅在本次会话中保留，重启后需要重新输入。</translation>
    </message>
    <message>
        <source>The keychain refused to delete the secret: %1</source>
        <translation>钥匙串拒绝删除该密钥：%1</translation>
    </message>
</context>
<context>
    <name>SmhClient</name>
    <message>
        <source>no PEM certificate could be read from &quot;%1&quot;</source>
        <translation>无法从“%1”读取任何 PEM 证书</translation>
    </message>
    <message>
        <source>request to %1 cancelled</source>
        <translation>发往 %1 的请求已取消</translation>
    </message>
    <message>
        <source>the reply from %1 exceeded %2 bytes</source>
        <translation>来自 %1 的响应超过 %2 字节</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 redirected to another host; not followed, so that the access token stays with SMH</source>
        <translation>%1 重定向到了其他主机；为避免访问令牌泄露到 SMH 之外，未跟随该重定向</translation>
    </message>
    <message>
        <source>no reply from %1 within %2 s</source>
        <translation>%1 在 %2 秒内无响应</translation>
    </message>
    <message>
        <source>no access token</source>
        <translation>缺少访问令牌</translation>
    </message>
    <message>
        <source>the request URL would exceed %1 bytes even for one task</source>
        <translation>即使只查询一个任务，请求 URL 也将超过 %1 字节</translation>
    </message>
    <message>
        <source>the token reply has no accessToken/expiresIn</source>
        <translation>令牌响应中缺少 accessToken/expiresIn</translation>
    </message>
    <message>
        <source>its body exceeded %1 bytes and was not read</source>
        <translation>其正文超过 %1 字节，未予读取</translation>
    </message>
    <message>
        <source>the reply from %1 did not complete within %2 s</source>
        <translation>来自 %1 的回复未在 %2 秒内完成</translation>
    </message>
    <message>
        <source>the server sent an access token of %1 characters (at most %2 are accepted)</source>
        <translation>服务器发来的访问令牌长 %1 个字符（最多接受 %2 个）</translation>
    </message>
    <message>
        <source>the connection to %1 closed before a complete reply; the request was not sent again</source>
        <translation>与 %1 的连接在收到完整回复前已关闭；请求未再次发送</translation>
    </message>
</context>
<context>
    <name>SmhError</name>
    <message>
        <source>the server answered with an HTML page</source>
        <translation>服务器返回了一个 HTML 页面</translation>
    </message>
    <message>
        <source>No error</source>
        <translation>无错误</translation>
    </message>
    <message>
        <source>Invalid input</source>
        <translation>输入无效</translation>
    </message>
    <message>
        <source>Network error</source>
        <translation>网络错误</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation>TLS 错误</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>服务器错误</translation>
    </message>
    <message>
        <source>Unexpected reply</source>
        <translation>响应异常</translation>
    </message>
    <message>
        <source>Reply too large</source>
        <translation>响应过大</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>(request ID %1)</source>
        <translation>（请求 ID：%1）</translation>
    </message>
    <message>
        <source>the reply is not JSON (%1 at byte %2)</source>
        <translation>响应不是 JSON（第 %2 字节处：%1）</translation>
    </message>
    <message>
        <source>expected a JSON array of tasks</source>
        <translation>应为任务的 JSON 数组</translation>
    </message>
    <message>
        <source>task %1 of the reply is not an object</source>
        <translation>响应中的第 %1 个任务不是对象</translation>
    </message>
    <message>
        <source>task %1 of the reply has no integer taskId</source>
        <translation>响应中的第 %1 个任务缺少整数类型的 taskId</translation>
    </message>
    <message>
        <source>task %1 has no integer status</source>
        <translation>任务 %1 缺少整数类型的 status</translation>
    </message>
    <message>
        <source>task %1 is in the reply twice with different answers (status %2 and %3)</source>
        <translation>任务 %1 在回复中出现两次且结果不同（状态 %2 和 %3）</translation>
    </message>
    <message>
        <source>library ID or secret is wrong</source>
        <translation>媒体库 ID 或密钥错误</translation>
    </message>
    <message>
        <source>no such library: check the connection&apos;s library ID</source>
        <translation>媒体库不存在：请检查连接的媒体库 ID</translation>
    </message>
    <message>
        <source>no such space: check the connection&apos;s space ID</source>
        <translation>租户空间不存在：请检查连接的空间 ID</translation>
    </message>
    <message>
        <source>token rejected</source>
        <translation>令牌被拒绝</translation>
    </message>
    <message>
        <source>access refused, and a new token would not change that</source>
        <translation>访问被拒绝，换新令牌也无济于事</translation>
    </message>
    <message>
        <source>request too long for the server</source>
        <translation>请求过长，服务器无法处理</translation>
    </message>
    <message>
        <source>too many requests</source>
        <translation>请求过多</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>--interval (%1 s) must not be longer than --max-interval (%2 s).</source>
        <translation>--interval（%1 秒）不得长于 --max-interval（%2 秒）。</translation>
    </message>
    <message>
        <source>Cannot read saved profiles: %1</source>
        <translation>无法读取已保存的连接配置：%1</translation>
    </message>
    <message>
        <source>There is no saved profile named &quot;%1&quot;.</source>
        <translation>不存在名为“%1”的已保存连接配置。</translation>
    </message>
    <message>
        <source>Cannot read task IDs from standard input.</source>
        <translation>无法从标准输入读取任务 ID。</translation>
    </message>
    <message>
        <source>the keychain did not answer in time.</source>
        <translation>钥匙串未能及时响应。</translation>
    </message>
    <message>
        <source>The credentials of profile &quot;%1&quot; cannot be read: %2</source>
        <translation>无法读取配置“%1”的凭据：%2</translation>
    </message>
    <message>
        <source>No library given: use --library ID (or SMH_LIBRARY_ID), --profile NAME, or --demo.</source>
        <translation>未指定媒体库：请使用 --library ID（或 SMH_LIBRARY_ID）、--profile NAME 或 --demo。</translation>
    </message>
    <message>
        <source>No credentials: set SMH_ACCESS_TOKEN or SMH_LIBRARY_SECRET, or use --token-file / --secret-file.</source>
        <translation>缺少凭据：请设置 SMH_ACCESS_TOKEN 或 SMH_LIBRARY_SECRET，或使用 --token-file / --secret-file。</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>last poll %1</source>
        <translation>上次轮询 %1</translation>
    </message>
    <message>
        <source>polling…</source>
        <translation>正在轮询…</translation>
    </message>
    <message>
        <source>next poll due</source>
        <translation>即将轮询</translation>
    </message>
    <message>
        <source>next poll in %1</source>
        <translation>%1后轮询</translation>
    </message>
    <message>
        <source>nothing to poll</source>
        <translation>无需轮询</translation>
    </message>
    <message>
        <source>Connections OK</source>
        <translation>连接正常</translation>
    </message>
    <message>
        <source>Requests: %1</source>
        <translation>请求数：%1</translation>
    </message>
    <message>
        <source>polling stopped, see the connections</source>
        <translation>轮询已停止，请检查连接</translation>
    </message>
    <message>
        <source>Connections in trouble: %1. %2</source>
        <translation>异常连接：%1 个。%2</translation>
    </message>
    <message>
        <source>No connection yet</source>
        <translation>尚无连接</translation>
    </message>
    <message>
        <source>Polling paused</source>
        <translation>轮询已暂停</translation>
    </message>
    <message>
        <source>Waiting for a first answer</source>
        <translation>正在等待首次响应</translation>
    </message>
    <message>
        <source>polled by another monitor</source>
        <translation>由另一个监视器轮询</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) polled by other monitors. %1</source>
        <translation>
            <numerusform>%n 个连接由其他监视器轮询。%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Ledger unreachable since %1 — answers kept in memory (%2)</source>
        <translation>自 %1 起无法连接账本 — 查询结果暂存于内存（%2）</translation>
    </message>
    <message>
        <source>Polls go on; what they find is written to the ledger once it answers again. Adding, removing and clearing wait until then.</source>
        <translation>查询照常进行；结果将在账本恢复响应后写入。添加、移除和清理需等到那时。</translation>
    </message>
</context>
<context>
    <name>StyledTaskModel</name>
    <message>
        <source>Not updated: %1</source>
        <translation>未更新：%1</translation>
    </message>
</context>
<context>
    <name>TaskDetailsPane</name>
    <message>
        <source>Select a task to see its details.</source>
        <translation>选择一个任务以查看详情。</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Status code</source>
        <translation>状态码</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Last polled</source>
        <translation>上次轮询</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Source inode</source>
        <translation>源 inode</translation>
    </message>
    <message>
        <source>Target inode</source>
        <translation>目标 inode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Converted from</source>
        <translation>转换自</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>About this task</source>
        <translation>关于此任务</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>错误码</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>错误信息</translation>
    </message>
    <message>
        <source>Request ID</source>
        <translation>请求 ID</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Lasted</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Copy Timeline</source>
        <translation>复制时间线</translation>
    </message>
    <message>
        <source>timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1（主机：%2）</translation>
    </message>
    <message>
        <source>%1 (%2 at %3)</source>
        <translation>%1（%2，主机：%3）</translation>
    </message>
    <message>
        <source>This task is no longer watched.</source>
        <translation>此任务已不再监控。</translation>
    </message>
    <message>
        <source>path segment</source>
        <translation>路径段</translation>
    </message>
    <message>
        <source>source segment</source>
        <translation>源路径段</translation>
    </message>
    <message>
        <source>Task %1 · %2</source>
        <translation>任务 %1 · %2</translation>
    </message>
    <message>
        <source>finished in %1</source>
        <translation>已结束，用时 %1</translation>
    </message>
    <message>
        <source>running for %1</source>
        <translation>已执行 %1</translation>
    </message>
    <message>
        <source>%1 so far</source>
        <translation>至今 %1</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>final</source>
        <translation>最终状态</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>%1 (HTTP %2)</source>
        <translation>%1（HTTP %2）</translation>
    </message>
    <message>
        <source>%1 %2 of %3: click to copy</source>
        <translation>%1 %2/%3：单击复制</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1（%2前）</translation>
    </message>
    <message>
        <source>Finished in %1 · since %2</source>
        <translation>用时 %1 · 结束于 %2</translation>
    </message>
    <message>
        <source>Since %1</source>
        <translation>始于 %1</translation>
    </message>
    <message>
        <source>Waiting for the first answer since %1</source>
        <translation>自 %1 起等待首次响应</translation>
    </message>
    <message>
        <source>Running for %1 · since %2</source>
        <translation>已执行 %1 · 始于 %2</translation>
    </message>
    <message>
        <source>waiting for %1</source>
        <translation>已等待 %1</translation>
    </message>
    <message>
        <source>Added · %1</source>
        <translation>已添加 · %1</translation>
    </message>
    <message>
        <source>Re-checked, unchanged · %1</source>
        <translation>已重新检查，无变化 · %1</translation>
    </message>
    <message>
        <source>Versions deleted</source>
        <translation>已删除版本数</translation>
    </message>
    <message>
        <source>Usage before</source>
        <translation>清理前用量</translation>
    </message>
    <message>
        <source>Usage after</source>
        <translation>清理后用量</translation>
    </message>
    <message>
        <source>Space freed</source>
        <translation>释放的空间</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 字节）</translation>
    </message>
    <message>
        <source>Historical versions cleared</source>
        <translation>已清除的历史版本</translation>
    </message>
    <message>
        <source>Code</source>
        <comment>SMH status code</comment>
        <translation>状态码</translation>
    </message>
    <message>
        <source>Type</source>
        <comment>kind of task</comment>
        <translation>类型</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果摘要</translation>
    </message>
    <message>
        <source>Task %1</source>
        <translation>任务 %1</translation>
    </message>
</context>
<context>
    <name>TaskFilterModel</name>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>The task ID SMH returned when the task was started</source>
        <translation>任务发起时 SMH 返回的任务 ID</translation>
    </message>
    <message>
        <source>The library (and space) the task belongs to</source>
        <translation>任务所属的媒体库（及租户空间）</translation>
    </message>
    <message>
        <source>What the last answer from SMH said</source>
        <translation>SMH 最近一次响应中的任务状态</translation>
    </message>
    <message>
        <source>When the task was added to the monitor</source>
        <translation>任务添加到监控的时间</translation>
    </message>
    <message>
        <source>When SMH was last asked about the task</source>
        <translation>上次向 SMH 查询该任务的时间</translation>
    </message>
    <message>
        <source>Running for (unfinished tasks) or finished in (final tasks), counted from when it was added</source>
        <translation>未完成任务为已执行时长，已结束任务为完成耗时，均从添加时起计算</translation>
    </message>
    <message>
        <source>srcInode from the task&apos;s result</source>
        <translation>任务结果中的 srcInode</translation>
    </message>
    <message>
        <source>dstInode from the task&apos;s result</source>
        <translation>任务结果中的 dstInode</translation>
    </message>
    <message>
        <source>The result path; the tooltip of a cell shows what it was converted from</source>
        <translation>结果路径；单元格的提示信息中显示其转换来源</translation>
    </message>
    <message>
        <source>Your note; double-click or press F2 to edit</source>
        <translation>您的备注；双击或按 F2 编辑</translation>
    </message>
    <message>
        <source>The status code SMH sent: 202 running, 200 done, 204 done without details, 500 failed; empty before the first answer and for tasks SMH does not know</source>
        <translation>SMH 返回的状态码：202 执行中，200 完成，204 完成但无详情，500 失败；首次响应前以及 SMH 不认识的任务为空</translation>
    </message>
    <message>
        <source>The kind of task, from SMH&apos;s Query Task v2 (asked once per task, when it ends or is shown); empty while unknown or where the server has no v2</source>
        <translation>任务的类型，来自 SMH 的查询任务 v2 接口（每个任务在结束或被查看时查询一次）；尚未得知或服务器不支持 v2 时为空</translation>
    </message>
</context>
<context>
    <name>TaskIdParser</name>
    <message>
        <source>&quot;%1&quot; is not a range of task IDs</source>
        <translation>“%1”不是有效的任务 ID 范围</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: the range ends before it starts</source>
        <translation>“%1”：范围的结束值小于起始值</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a range may hold at most %2 IDs</source>
        <translation>“%1”：一个范围最多包含 %2 个 ID</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a task ID (task IDs are whole numbers)</source>
        <translation>“%1”不是任务 ID（任务 ID 为整数）</translation>
    </message>
    <message>
        <source>Cannot read &quot;%1&quot;: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too large to be a list of task IDs.</source>
        <translation>“%1”过大，不可能是任务 ID 列表。</translation>
    </message>
    <message>
        <source>The input holds more than %1 task IDs; add them in smaller parts.</source>
        <translation>输入包含超过 %1 个任务 ID；请分批添加。</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more that are not task IDs</source>
        <translation>
            <numerusform>……另有 %n 项不是任务 ID</numerusform>
        </translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a text file of task IDs.</source>
        <translation>“%1”不是任务 ID 的文本文件。</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: too large for a task ID (at most %2)</source>
        <translation>“%1”：作为任务 ID 太大（最大为 %2）</translation>
    </message>
</context>
<context>
    <name>TaskResult</name>
    <message>
        <source>%1 +%2 more</source>
        <translation>%1 等另外 %2 项</translation>
    </message>
    <message>
        <source>%1 done, %2 failed</source>
        <translation>%1 项完成，%2 项失败</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln 项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskState</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>执行中</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Succeeded (no result)</source>
        <translation>成功（无结果）</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Not found / expired</source>
        <translation>不存在/已过期</translation>
    </message>
    <message>
        <source>Unknown status</source>
        <translation>未知状态</translation>
    </message>
    <message>
        <source>SMH did not return this task. It forgets tasks 30 days after they end, so an old task ends up here; so does an ID that was mistyped or belongs to another library or space.</source>
        <translation>SMH 没有返回此任务。SMH 会在任务结束 30 天后将其遗忘，因此较早的任务会出现在这里；输错的 ID，或属于其他媒体库或租户空间的 ID 也会如此。</translation>
    </message>
    <message>
        <source>SMH reports that the task failed (status %1): the job itself went wrong, not the monitor or the network. Start it again if it should be done; for Tencent support, give the task ID, the library and space, and the SMH code and request ID under &quot;Last error&quot; if there is one.</source>
        <translation>SMH 报告任务失败（状态码 %1）：出错的是任务本身，而不是监控程序或网络。如仍需完成，请重新发起；联系腾讯云技术支持时，请提供任务 ID、媒体库和租户空间，以及“最近错误”下的 SMH 错误码和请求 ID（如有）。</translation>
    </message>
    <message>
        <source>SMH answered with status %1, which its API does not document for tasks. The monitor does not take it for success. For Tencent support, give the task ID, this status and the request ID under &quot;Last error&quot; if there is one.</source>
        <translation>SMH 返回了状态码 %1，其 API 文档未说明任务会有此状态码。监控程序不会将其视为成功。联系腾讯云技术支持时，请提供任务 ID、该状态码，以及“最近错误”下的请求 ID（如有）。</translation>
    </message>
    <message>
        <source>Done: SMH reported success without details (status 204), so there is no path or inode to show.</source>
        <translation>已完成：SMH 报告成功但未返回详情（状态码 204），因此没有可显示的路径或 inode。</translation>
    </message>
    <message>
        <source>Partly failed</source>
        <translation>部分失败</translation>
    </message>
    <message>
        <source>The monitor could not read SMH&apos;s answer about this task: &quot;Last error&quot; says why. It is not taken for success; re-check it to ask again.</source>
        <translation>监控程序无法读取 SMH 关于此任务的应答，原因见“最近错误”。它不会被视为成功；重新检查即可再次查询。</translation>
    </message>
    <message>
        <source>SMH finished the task, but some of its items failed: the rest was done. The failed items are listed first below with the error SMH gave for each; &quot;Copy Failed Paths&quot; takes their paths to try them again. For Tencent support, give the task ID and the errors.</source>
        <translation>SMH 已完成此任务，但其中部分条目失败，其余条目均已完成。下方首先列出失败的条目及 SMH 给出的错误；“复制失败路径”可复制它们的路径以便重试。联系腾讯云技术支持时，请提供任务 ID 和这些错误。</translation>
    </message>
</context>
<context>
    <name>TaskStore</name>
    <message>
        <source>The task ledger is not open.</source>
        <translation>任务记录库未打开。</translation>
    </message>
    <message>
        <source>Could not write to the task ledger: %1</source>
        <translation>无法写入任务记录库：%1</translation>
    </message>
    <message>
        <source>Cannot read the task ledger &quot;%1&quot;: %2</source>
        <translation>无法读取任务记录库“%1”：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a task ledger (not an SQLite database). It was left untouched; move it away to start a new ledger.</source>
        <translation>“%1”不是任务记录库（不是 SQLite 数据库）。该文件未被改动；请将其移走以新建任务记录库。</translation>
    </message>
    <message>
        <source>Cannot open the task ledger &quot;%1&quot;: %2</source>
        <translation>无法打开任务记录库“%1”：%2</translation>
    </message>
    <message>
        <source>The task ledger &quot;%1&quot; is damaged (%2). It was left untouched; move it away to start a new ledger.</source>
        <translation>任务记录库“%1”已损坏（%2）。该文件未被改动；请将其移走以新建任务记录库。</translation>
    </message>
    <message>
        <source>Cannot read the task ledger&apos;s version: %1</source>
        <translation>无法读取任务记录库的版本：%1</translation>
    </message>
    <message>
        <source>The task ledger &quot;%1&quot; was written by a newer version of SMH Task Monitor (schema %2, this version knows %3). It was left untouched.</source>
        <translation>任务记录库“%1”由更新版本的 SMH 任务监控写入（架构版本 %2，当前版本仅支持 %3）。该文件未被改动。</translation>
    </message>
    <message>
        <source>Cannot switch the task ledger to WAL mode: %1</source>
        <translation>无法将任务记录库切换到 WAL 模式：%1</translation>
    </message>
    <message>
        <source>Cannot upgrade the task ledger: %1</source>
        <translation>无法升级任务记录库：%1</translation>
    </message>
    <message>
        <source>Cannot read the task ledger: %1</source>
        <translation>无法读取任务记录库：%1</translation>
    </message>
    <message>
        <source>There is no connection %1.</source>
        <translation>不存在连接 %1。</translation>
    </message>
    <message>
        <source>The task ledger &quot;%1&quot; cannot be written here: %2 is read-only. The ledger itself is fine and was left untouched; make the folder and the file writable, or start with another ledger.</source>
        <translation>无法在此写入任务账本“%1”：%2 是只读的。账本本身完好，未作改动；请让该文件夹和文件可写，或改用另一个账本。</translation>
    </message>
    <message>
        <source>The ledger may hold at most %1 tasks; remove finished ones first.</source>
        <translation>账本最多可容纳 %1 个任务；请先移除已结束的任务。</translation>
    </message>
    <message>
        <source>reading was cancelled</source>
        <translation>读取已取消</translation>
    </message>
    <message>
        <source>The task ledger took more than a minute to read.</source>
        <translation>读取任务账本超过了一分钟。</translation>
    </message>
    <message>
        <source>its %1 tables were written by a newer version of SMH Task Monitor (version %2, this version knows %3)</source>
        <translation>其 %1 数据表由更新版本的 SMH 任务监控写入（版本 %2，当前版本只认识 %3）</translation>
    </message>
    <message>
        <source>Cannot upgrade the task ledger &quot;%1&quot;: %2</source>
        <translation>无法升级任务账本“%1”：%2</translation>
    </message>
    <message>
        <source>This task is no longer watched.</source>
        <translation>此任务已不再监控。</translation>
    </message>
    <message>
        <source>The task ledger %1 cannot be reached; what polls find is kept in memory and written when it is back.</source>
        <translation>无法连接任务账本 %1；轮询结果暂存在内存中，待其恢复后写入。</translation>
    </message>
    <message>
        <source>Cannot reach the task ledger %1: %2</source>
        <translation>无法连接任务账本 %1：%2</translation>
    </message>
    <message>
        <source>Cannot prepare the task ledger %1 for other monitors&apos; changes: %2</source>
        <translation>无法让任务账本 %1 接收其他监视器的更改：%2</translation>
    </message>
    <message>
        <source>Cannot listen to other monitors&apos; changes on the task ledger %1: %2</source>
        <translation>无法监听任务账本 %1 上其他监视器的更改：%2</translation>
    </message>
    <message>
        <source>The task ledger %1 was written by a newer version of SMH Task Monitor (schema %2, this version knows %3). It was left untouched.</source>
        <translation>任务账本 %1 由更新版本的 SMH 任务监视器写入（架构 %2，此版本支持 %3）。已保持原样，未作改动。</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>Converted from: %1</source>
        <translation>转换自：%1</translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Last polled</source>
        <translation>上次轮询</translation>
    </message>
    <message>
        <source>Running for</source>
        <translation>运行时长</translation>
    </message>
    <message>
        <source>Source inode</source>
        <translation>源 inode</translation>
    </message>
    <message>
        <source>Target inode</source>
        <translation>目标 inode</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Unknown: the task had already ended when it was first polled.</source>
        <translation>未知：首次轮询时该任务已经结束。</translation>
    </message>
    <message>
        <source>Code</source>
        <comment>SMH status code</comment>
        <translation>状态码</translation>
    </message>
    <message>
        <source>Type</source>
        <comment>kind of task</comment>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>TaskTableView</name>
    <message>
        <source>Reset Columns</source>
        <translation>重置列</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
</context>
<context>
    <name>TaskTypes</name>
    <message>
        <source>Batch delete</source>
        <translation>批量删除</translation>
    </message>
    <message>
        <source>Batch copy</source>
        <translation>批量复制</translation>
    </message>
    <message>
        <source>Batch move</source>
        <translation>批量移动</translation>
    </message>
    <message>
        <source>Restore from recycle bin</source>
        <translation>从回收站恢复</translation>
    </message>
    <message>
        <source>Convert file</source>
        <translation>文件转换</translation>
    </message>
    <message>
        <source>Recount directory</source>
        <translation>重新统计目录</translation>
    </message>
    <message>
        <source>Transcode video</source>
        <translation>视频转码</translation>
    </message>
    <message>
        <source>Uncompress file</source>
        <translation>文件解压</translation>
    </message>
    <message>
        <source>Clear history</source>
        <translation>清除历史版本</translation>
    </message>
    <message>
        <source>%1 of %2 files uncompressed, %3 failed</source>
        <translation>%2 个文件中已解压 %1 个，%3 个失败</translation>
    </message>
    <message>
        <source>%1, into %2</source>
        <translation>%1，解压到 %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %Ln more</source>
        <translation>
            <numerusform>%1 等另外 %Ln 项</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%1 version(s) deleted</source>
        <translation>
            <numerusform>已删除 %1 个版本</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Task %1: %2</source>
        <translation>任务 %1：%2</translation>
    </message>
    <message>
        <source>Status %1</source>
        <translation>状态码 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>需要处理：%1</translation>
    </message>
    <message>
        <source>No tasks watched</source>
        <translation>未监控任何任务</translation>
    </message>
    <message>
        <source>%1 running, %2 succeeded, %3 need attention</source>
        <translation>执行中 %1 个，成功 %2 个，需要处理 %3 个</translation>
    </message>
    <message>
        <source>A connection cannot be polled</source>
        <translation>有连接无法轮询</translation>
    </message>
    <message>
        <source>Tasks finished: %1</source>
        <translation>已结束任务：%1 个</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>另有 %1 个</translation>
    </message>
</context>
<context>
    <name>TypedTaskResult</name>
    <message>
        <source>the task result reply is not a JSON object</source>
        <translation>任务结果的应答不是 JSON 对象</translation>
    </message>
    <message>
        <source>the task result reply is about another task than %1</source>
        <translation>任务结果的应答说的不是任务 %1</translation>
    </message>
    <message>
        <source>the task result reply names no task type</source>
        <translation>任务结果的应答没有给出任务类型</translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <source>Library usage</source>
        <translation>媒体库用量</translation>
    </message>
    <message>
        <source>Clear started</source>
        <translation>清除开始</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除结束</translation>
    </message>
    <message>
        <source>No usage samples yet</source>
        <translation>尚无用量采样</translation>
    </message>
</context>
<context>
    <name>UsageChartModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已用</translation>
    </message>
</context>
<context>
    <name>WriteTransaction</name>
    <message>
        <source>the disk holding the task ledger is full (%1); free some space and try again</source>
        <translation>任务账本所在磁盘已满（%1）；请释放空间后重试</translation>
    </message>
    <message>
        <source>another program is writing the task ledger and did not finish within 5 seconds (%1); try again</source>
        <translation>另一个程序正在写入任务账本，5 秒内未完成（%1）；请重试</translation>
    </message>
    <message>
        <source>the task ledger cannot be written (%1)</source>
        <translation>任务账本无法写入（%1）</translation>
    </message>
    <message>
        <source>the task ledger could not be read or written (%1); check that its disk has free space and is still there</source>
        <translation>无法读取或写入任务账本（%1）；请检查其磁盘是否有可用空间且仍然存在</translation>
    </message>
    <message>
        <source>the task ledger is not open</source>
        <translation>任务账本未打开</translation>
    </message>
    <message>
        <source>the ledger&apos;s database server cannot be reached (%1)</source>
        <translation>无法连接账本的数据库服务器（%1）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>SMH Task Monitor</source>
        <translation>SMH 任务监控</translation>
    </message>
    <message>
        <source>The task ledger cannot be opened: %1</source>
        <translation>无法打开任务记录库：%1</translation>
    </message>
    <message>
        <source>There is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). The commands watch and query need none: see --help.</source>
        <translation>没有可用于打开窗口的显示器（DISPLAY 和 WAYLAND_DISPLAY 均未设置）。watch 和 query 命令不需要显示器：请参阅 --help。</translation>
    </message>
    <message>
        <source>The connection to %1 could not be saved: %2</source>
        <translation>无法保存到 %1 的连接：%2</translation>
    </message>
    <message>
        <source>The tasks were handed to the window already open on this ledger; it keeps its own poll interval and request rate.</source>
        <translation>任务已交给在此任务台账上已打开的窗口；该窗口保留其自身的轮询间隔和请求速率。</translation>
    </message>
</context>
</TS>
