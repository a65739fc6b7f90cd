<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>About</name>
    <message>
        <location filename="../../fivemgmt/about.py" line="31"/>
        <source>未安装</source>
        <translation>not installed</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="40"/>
        <source>（缺少许可文件）</source>
        <translation>(licence file missing)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="52"/>
        <source>五项管理台账版本</source>
        <translation>Five managements register version</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="53"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="54"/>
        <source>Qt / PySide6</source>
        <translation>Qt / PySide6</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="55"/>
        <source>ReportLab</source>
        <translation>ReportLab</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="56"/>
        <source>matplotlib</source>
        <translation>matplotlib</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="57"/>
        <source>SQLite 数据库</source>
        <translation>SQLite database</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="57"/>
        <source>（未保存到文件）</source>
        <translation>(not saved to a file)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="58"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="59"/>
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="60"/>
        <source>日志文件夹</source>
        <translation>Log folder</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="63"/>
        <source>字体 {font}</source>
        <translation>Font {font}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/about.py" line="67"/>
        <source>作业、睡眠、手机、读物、体质管理与课后服务的日常登记、检查与报表。离线使用，每所学校一个数据文件。</source>
        <translation>Daily registers, checks and reports for homework, sleep, phones, reading, fitness and after-school service. Works offline, one data file per school.</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/help.py" line="66"/>
        <source>关于五项管理台账</source>
        <translation>About the five managements register</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="69"/>
        <source>五项管理台账</source>
        <translation>Five managements register</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="73"/>
        <source>Qt {qt}，PySide6 {pyside}</source>
        <translation>Qt {qt}, PySide6 {pyside}</translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <location filename="../../ui/models/activity.py" line="86"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="91"/>
        <source>课表体育课</source>
        <translation>Timetabled PE</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="95"/>
        <source>本班体育课表当天安排的节数</source>
        <translation>PE lessons on this class&apos;s timetable for the day</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="98"/>
        <source>体育课(节)</source>
        <translation>PE lessons</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="104"/>
        <source>实际上了的体育课节数</source>
        <translation>PE lessons actually held</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="107"/>
        <source>被占用(节)</source>
        <translation>Taken over</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="113"/>
        <source>体育课被其他学科占用的节数</source>
        <translation>PE lessons taken over by other subjects</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="116"/>
        <source>占用学科</source>
        <translation>Taken over by</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="123"/>
        <source>大课间(分钟)</source>
        <translation>Long break activity (min)</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="131"/>
        <source>校内活动(分钟)</source>
        <translation>Activity at school (min)</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="137"/>
        <source>校内体育活动总时间，含大课间和体育课</source>
        <translation>Total physical activity time at school, including the long break activity and PE lessons</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="140"/>
        <source>眼保健操(次)</source>
        <translation>Eye exercises (times)</translation>
    </message>
    <message>
        <location filename="../../ui/models/activity.py" line="148"/>
        <source>检查结果</source>
        <translation>Check result</translation>
    </message>
</context>
<context>
    <name>ActivityPage</name>
    <message>
        <location filename="../../ui/pages/activity.py" line="37"/>
        <source>体质(活动)</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="43"/>
        <source>体育活动与用眼</source>
        <translation>Physical activity &amp; eye care</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="51"/>
        <source>本周未登记日按课表填写</source>
        <translation>Fill this week&apos;s unlogged days from the timetable</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="52"/>
        <source>体育课按课表、大课间 30 分钟、眼保健操 2 次；有例外再改</source>
        <translation>PE lessons as timetabled, 30 minutes of long break activity, eye exercises twice; then correct any exceptions</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="53"/>
        <source>删除所选日记录</source>
        <translation>Delete selected day&apos;s record</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="54"/>
        <source>体育课表…</source>
        <translation>PE timetable…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="56"/>
        <source>视力监测…</source>
        <translation>Vision screening…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="57"/>
        <source>删除视力监测…</source>
        <translation>Delete screening…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="58"/>
        <source>删除本学期登记错的一次视力监测；删除记入审计记录</source>
        <translation>Delete a vision screening of this term entered by mistake; the deletion is kept in the audit log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="59"/>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="87"/>
        <source>Tab：下一格 · Enter：下一行 · 每次修改立即保存 · 校内活动时间含大课间和体育课 · 体育课不得被占用</source>
        <translation>Tab: next cell · Enter: next row · every change is saved at once · activity time at school includes the long break activity and PE · PE lessons must not be taken over</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="149"/>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="153"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="158"/>
        <source>体育课表：{planned}（{tt_symbol} {tt_reason}）
本学期视力监测：{dates}（{v_symbol} {v_reason}）</source>
        <translation>PE timetable: {planned} ({tt_symbol} {tt_reason})
Vision screening this term: {dates} ({v_symbol} {v_reason})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="170"/>
        <source>本周：{symbol} {label}&#x3000;{reason}</source>
        <translation>This week: {symbol} {label}   {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="178"/>
        <source>课表体育课 {n} 节</source>
        <translation>Timetabled PE lessons: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="181"/>
        <source>体育课 {held} 节 · 大课间 {brk} 分 · 校内活动 {act} 分 · 眼保健操 {eyes} 次</source>
        <translation>PE lessons: {held} · Long break activity: {brk} min · Activity at school: {act} min · Eye exercises: {eyes}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="192"/>
        <source>体育{n} </source>
        <translation>PE {n} </translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="194"/>
        <source>体育被占 </source>
        <translation>PE taken over </translation>
    </message>
    <message>
        <source>未登记</source>
        <translation type="vanished">Not logged</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="195"/>
        <source>{minutes}分</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="205"/>
        <source>{day} 还没到，不能登记。</source>
        <translation>{day} has not come yet, so it cannot be logged.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="220"/>
        <source>本周还没有到的上课日。</source>
        <translation>No school day this week has been reached yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="265"/>
        <source>本学期没有视力监测记录。</source>
        <translation>No vision screening recorded this term.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="267"/>
        <source>{date} 监测 {n} 人</source>
        <translation>{date}: {n} students screened</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="269"/>
        <location filename="../../ui/pages/activity.py" line="276"/>
        <source>删除视力监测</source>
        <translation>Delete vision screening</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="269"/>
        <source>要删除的视力监测记录：</source>
        <translation>Vision screening to delete:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="277"/>
        <source>删除{name} {date} 的视力监测记录（{n} 人）吗？
删除记入审计记录。</source>
        <translation>Delete the vision screening of {name} on {date} ({n} students)?
The deletion is kept in the audit log.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="289"/>
        <source>导入体育活动记录</source>
        <translation>Import physical activity records</translation>
    </message>
</context>
<context>
    <name>AfterschoolModel</name>
    <message>
        <location filename="../../ui/models/afterschool.py" line="86"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/models/afterschool.py" line="91"/>
        <source>开展</source>
        <translation>Held</translation>
    </message>
    <message>
        <location filename="../../ui/models/afterschool.py" line="96"/>
        <source>当天是否开展课后服务</source>
        <translation>Whether after-school service was held that day</translation>
    </message>
    <message>
        <location filename="../../ui/models/afterschool.py" line="99"/>
        <source>时长(分钟)</source>
        <translation>Duration (min)</translation>
    </message>
    <message>
        <location filename="../../ui/models/afterschool.py" line="108"/>
        <source>结束时间</source>
        <translation>End time</translation>
    </message>
    <message>
        <location filename="../../ui/models/afterschool.py" line="113"/>
        <source>例如 17:40；不得早于当地下班时间</source>
        <translation>e.g. 17:40; must not be earlier than the local end of the working day</translation>
    </message>
    <message>
        <location filename="../../ui/models/afterschool.py" line="116"/>
        <source>参加人数</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../ui/models/afterschool.py" line="124"/>
        <source>检查结果</source>
        <translation>Check result</translation>
    </message>
</context>
<context>
    <name>AfterschoolPage</name>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="29"/>
        <location filename="../../ui/pages/afterschool.py" line="35"/>
        <source>课后服务</source>
        <translation>After-school</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="43"/>
        <source>本周未登记日按默认填写</source>
        <translation>Fill this week&apos;s unlogged days with defaults</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="45"/>
        <source>按本班上一次的时长、结束时间和人数（或 120 分钟、当地下班时间）填写</source>
        <translation>Uses this class&apos;s last duration, end time and number of participants (or 120 minutes and the local end of the working day)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="47"/>
        <source>所选日未开展</source>
        <translation>Not held on selected day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="48"/>
        <source>删除所选日记录</source>
        <translation>Delete selected day&apos;s record</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="49"/>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="50"/>
        <source>当地下班时间…</source>
        <translation>Local end of working day…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="70"/>
        <source>空格：勾选是否开展 · Tab：下一格 · Enter：下一行 · 每次修改立即保存 · 要求每周 5 天、每天不少于 2 小时、结束不早于当地下班时间（仅义务教育阶段）</source>
        <translation>Space: tick whether held · Tab: next cell · Enter: next row · every change is saved at once · required 5 days a week, at least 2 hours a day, ending no earlier than the local end of the working day (compulsory education only)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="121"/>
        <source>本周：{symbol} {label}&#x3000;{reason}</source>
        <translation>This week: {symbol} {label}   {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="131"/>
        <location filename="../../ui/pages/afterschool.py" line="142"/>
        <source>未开展</source>
        <translation>Not held</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="132"/>
        <source>{minutes} 分钟 · {end} 结束 · {people} 人参加</source>
        <translation>{minutes} min · ends {end} · {people} taking part</translation>
    </message>
    <message>
        <source>未登记</source>
        <translation type="vanished">Not logged</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="153"/>
        <source>{day} 还没到，不能登记。</source>
        <translation>{day} has not come yet, so it cannot be logged.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="170"/>
        <source>本周还没有到的上课日。</source>
        <translation>No school day this week has been reached yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="185"/>
        <source>导入课后服务记录</source>
        <translation>Import after-school service records</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="198"/>
        <source>当地下班时间</source>
        <translation>Local end of working day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/afterschool.py" line="199"/>
        <source>课后服务结束时间不得早于当地正常下班时间。
请输入（如 17:30）：</source>
        <translation>After-school service must not end earlier than the normal local end of the working day.
Enter the time (e.g. 17:30):</translation>
    </message>
</context>
<context>
    <name>ApplicationDialog</name>
    <message>
        <location filename="../../ui/pages/phone.py" line="602"/>
        <source>手机入校申请</source>
        <translation>Application to bring a phone to school</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="624"/>
        <location filename="../../ui/pages/phone.py" line="654"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="625"/>
        <source>选择扫描件…</source>
        <translation>Choose scan…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="628"/>
        <source>学生</source>
        <translation>Student</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="629"/>
        <source>申请日期</source>
        <translation>Application date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="630"/>
        <source>家长姓名</source>
        <translation>Parent&apos;s name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="631"/>
        <source>申请理由</source>
        <translation>Reason for application</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="632"/>
        <source>审批结果</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="633"/>
        <source>审批人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="634"/>
        <source>审批日期</source>
        <translation>Decision date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="635"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="636"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="637"/>
        <source>书面申请扫描件</source>
        <translation>Scan of written application</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="658"/>
        <source>选择书面申请扫描件</source>
        <translation>Choose scan of written application</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="658"/>
        <source>图片或 PDF (*.jpg *.jpeg *.png *.pdf)</source>
        <translation>Images or PDF (*.jpg *.jpeg *.png *.pdf)</translation>
    </message>
</context>
<context>
    <name>AreaPage</name>
    <message>
        <location filename="../../ui/pages/base.py" line="150"/>
        <source>只读：本账户只能查看和打印，不能修改记录。</source>
        <translation>Read-only: this account can only view and print, not change records.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="236"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="239"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/base.py" line="337"/>
        <source>还没有班级：请先在“设置”中添加班级。</source>
        <translation>No classes yet: add classes under Set-up first.</translation>
    </message>
</context>
<context>
    <name>BookDialog</name>
    <message>
        <location filename="../../ui/pages/reading.py" line="520"/>
        <source>登记图书</source>
        <translation>Register book</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="524"/>
        <source>10 位或 13 位，可带横线</source>
        <translation>10 or 13 digits; hyphens allowed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="531"/>
        <source>图书角</source>
        <translation>Reading corner</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="537"/>
        <source>书名</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="538"/>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="539"/>
        <source>出版社</source>
        <translation>Publisher</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="541"/>
        <source>版次</source>
        <translation>Edition</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="542"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="543"/>
        <source>存放位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="544"/>
        <source>册数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="547"/>
        <source>捐赠和学生带入的图书同样要经过初选、评议、确认。</source>
        <translation>Donated books and books brought in by students must also go through shortlisting, review and confirmation.</translation>
    </message>
</context>
<context>
    <name>ChartCanvas</name>
    <message>
        <location filename="../../ui/widgets/chart_canvas.py" line="160"/>
        <source>导出 PNG…</source>
        <translation>Export PNG…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_canvas.py" line="161"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_canvas.py" line="162"/>
        <source>复制图表</source>
        <translation>Copy chart</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_canvas.py" line="164"/>
        <source>把图表作为图片复制到剪贴板，可粘贴到 Word / 微信</source>
        <translation>Copy the chart to the clipboard as an image, to paste into Word / WeChat</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_canvas.py" line="185"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_canvas.py" line="187"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_canvas.py" line="190"/>
        <source>导出图表</source>
        <translation>Export chart</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_canvas.py" line="203"/>
        <source>无法写入文件：{error}</source>
        <translation>Cannot write the file: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/chart_canvas.py" line="210"/>
        <source>图表已保存：{path}</source>
        <translation>Chart saved: {path}</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../../fivemgmt/charts/common.py" line="25"/>
        <source>作业</source>
        <translation>Homework</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/common.py" line="26"/>
        <source>睡眠</source>
        <translation>Sleep</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/common.py" line="27"/>
        <source>手机</source>
        <translation>Phones</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/common.py" line="28"/>
        <source>读物</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/common.py" line="29"/>
        <source>体质</source>
        <translation>Fitness</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/common.py" line="30"/>
        <source>课后服务</source>
        <translation>After school</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/common.py" line="31"/>
        <source>体质测试</source>
        <translation>Fitness tests</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/common.py" line="67"/>
        <source>{week}（{start_month}月{start_day}日—{end_month}月{end_day}日）</source>
        <translation>{week} ({start_month}/{start_day}–{end_month}/{end_day})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/common.py" line="94"/>
        <source>暂无数据：{area}本周没有可显示的记录（或该模块尚未启用）</source>
        <translation>No data: {area} has no records to show this week (or the module is not in use yet)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/overview.py" line="18"/>
        <source>五项管理周概览：各班各方面判定</source>
        <translation>Five managements this week: each class, each area</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/overview.py" line="20"/>
        <source>暂无数据：没有班级或没有可判定的方面</source>
        <translation>No data: no classes, or no area that can be judged</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/overview.py" line="64"/>
        <source>方面（格内为本周判定：{statuses}）</source>
        <translation>Area (each cell is this week&apos;s verdict: {statuses})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/overview.py" line="89"/>
        <source>红灯（超标、未达标、违规）方面占比</source>
        <translation>Share of areas in red (over limit, not met, violation)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/overview.py" line="90"/>
        <source>各班红灯占比</source>
        <translation>Red share per class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/overview.py" line="95"/>
        <source>全校平均红灯占比 {share}</source>
        <translation>School average red share {share}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/overview.py" line="100"/>
        <source>高于全校平均的班级（班名加框）</source>
        <translation>Classes above the school average (name boxed)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="27"/>
        <source>作业：各班每日书面作业时长（分钟）</source>
        <translation>Homework: written minutes per class and day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="33"/>
        <source>  颜色按本班年级上限判定</source>
        <translation>  colour judged against the class&apos;s grade limit</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="44"/>
        <source>数据有误</source>
        <translation>Data error</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="55"/>
        <source>休息日</source>
        <translation>Rest day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="58"/>
        <source>无作业</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="79"/>
        <source>（今天）</source>
        <translation> (today)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="91"/>
        <source>日期（周末/节假日格为休息日合计判定）</source>
        <translation>Date (weekend/holiday cells judge the rest-day total)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="104"/>
        <source>不布置</source>
        <translation>none allowed</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="98"/>
        <source>! 数据有误</source>
        <translation>! bad data</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="115"/>
        <source>日均 / 上限</source>
        <translation>Average / limit</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="121"/>
        <source>— 尚未到该日</source>
        <translation>— not yet</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="127"/>
        <source>上限（右列）：</source>
        <translation>Limit (right column): </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="136"/>
        <source>作业：各年级书面作业日均时长</source>
        <translation>Homework: written minutes per day by grade</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="144"/>
        <source>  （各班日均的平均，未登记的班级不计为 0）</source>
        <translation>  (average of the classes&apos; daily averages; classes not logged do not count as 0)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="165"/>
        <source>年级日均（分钟）</source>
        <translation>Grade average per day (min)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="183"/>
        <source>不布置
书面作业</source>
        <translation>no written
homework</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="191"/>
        <source>日均上限：</source>
        <translation>Daily limit: </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="193"/>
        <source>{grade}
{logged}/{classes} 班已登记</source>
        <translation>{grade}
{logged}/{classes} classes logged</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="200"/>
        <location filename="../../fivemgmt/charts/trends.py" line="58"/>
        <source>书面作业日均（分钟）</source>
        <translation>Written homework per day (min)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="201"/>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="209"/>
        <source>超过上限的年级</source>
        <translation>grades over the limit</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="221"/>
        <source>作业：某班各学科书面作业</source>
        <translation>Homework: written homework by subject for one class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="228"/>
        <source>作业：{class_name}各学科书面作业</source>
        <translation>Homework: written homework by subject, {class_name}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="230"/>
        <source>{week}  每天按学科叠加（分钟）</source>
        <translation>{week}  subjects stacked per day (min)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="258"/>
        <source>选做（不计入上限）</source>
        <translation>Optional (not counted toward the limit)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/common.py" line="158"/>
        <location filename="../../fivemgmt/charts/homework.py" line="268"/>
        <location filename="../../fivemgmt/charts/activity.py" line="68"/>
        <location filename="../../fivemgmt/charts/afterschool.py" line="61"/>
        <source>未登记</source>
        <translation>Not logged</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="294"/>
        <source>无书面作业</source>
        <translation>No written homework</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="315"/>
        <source>上课日书面作业上限 {cap} 分钟</source>
        <translation>School-day written homework limit {cap} min</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="321"/>
        <source>书面作业（分钟）</source>
        <translation>Written homework (min)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="322"/>
        <source>日期（周末为休息日作业，按休息日合计另行判定）</source>
        <translation>Date (weekends are rest-day homework, judged on the rest-day total)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="331"/>
        <source>— 未登记（不是 0）</source>
        <translation>— Not logged (not 0)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="339"/>
        <source>作业：周末/节假日书面作业合计</source>
        <translation>Homework: written homework total on weekends/holidays</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="344"/>
        <source>暂无数据：本周的周末/节假日尚未到</source>
        <translation>No data yet: this week&apos;s weekend/holidays have not come yet</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="356"/>
        <source>尚未到</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="372"/>
        <source>休息日合计上限：</source>
        <translation>Rest-day total limit: </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/homework.py" line="376"/>
        <source>本周周末/节假日书面作业合计（分钟）</source>
        <translation>Written homework total on this week&apos;s weekend/holidays (min)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="27"/>
        <source>睡眠：各年级抽样睡眠时长分布</source>
        <translation>Sleep: sampled sleep hours by grade</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="53"/>
        <source>{sampled} 人抽样
{below} 人不足</source>
        <translation>{sampled} sampled
{below} short</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="60"/>
        <source>— 未登记</source>
        <translation>— Not logged</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="67"/>
        <source>睡眠时间不少于：</source>
        <translation>Sleep at least: </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="74"/>
        <source>每天睡眠（小时）</source>
        <translation>Sleep per day (h)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="75"/>
        <source>年级（箱体：中间一半学生；横线：中位数）</source>
        <translation>Grade (box: middle half of students; line: median)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="80"/>
        <source>抽样学生睡眠时长分布</source>
        <translation>Sleep hours of sampled students</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="87"/>
        <source>睡眠：各班达到睡眠时间与就寝时间要求的学生比例</source>
        <translation>Sleep: share of students meeting the sleep and bedtime rules per class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="94"/>
        <source>睡眠时间达标比例</source>
        <translation>Share with enough sleep</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="95"/>
        <source>按时就寝比例</source>
        <translation>Share in bed on time</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="126"/>
        <source>— 未登记（本周未抽样）</source>
        <translation>— Not logged (no sample this week)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="135"/>
        <source>要求：全体学生达标（100%）</source>
        <translation>Required: every student (100%)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="140"/>
        <source>学校预警线 {share}（低于为黄）</source>
        <translation>School warning line {share} (below: yellow)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="141"/>
        <source>学校未达标线 {share}（低于为红）</source>
        <translation>School failing line {share} (below: red)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/sleep.py" line="155"/>
        <source>本周抽样学生中的比例（班名后为本周判定）</source>
        <translation>Share of this week&apos;s sampled students (verdict after the class name)</translation>
    </message>
    <message>
        <source>手机：各班违规带入与保管记录缺失</source>
        <translation type="vanished">Phones: violations and missing custody logs per class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/phone.py" line="13"/>
        <source>手机：各班违规带入、未交保管与保管记录缺失</source>
        <translation>Phones: violations, phones not handed in and missing custody logs per class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/phone.py" line="20"/>
        <source>违规带入/使用（次）</source>
        <translation>Phones brought/used against the rules (times)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/phone.py" line="21"/>
        <source>要求：违规带入/使用为 0</source>
        <translation>Required: no violations (0)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/phone.py" line="27"/>
        <source>未交手机（人次）</source>
        <translation>Phones not handed in (times)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/phone.py" line="28"/>
        <source>要求：带入的手机交由学校统一保管（未交为 0）</source>
        <translation>Required: phones brought in are kept by the school (none not handed in)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/phone.py" line="34"/>
        <source>缺保管登记（天）</source>
        <translation>Custody log missing (days)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/phone.py" line="35"/>
        <source>要求：每天登记保管（缺登记为 0）</source>
        <translation>Required: custody logged every day (0 missing)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/phone.py" line="47"/>
        <source>本周次数 / 天数（班名后为本周判定）</source>
        <translation>Times / days this week (verdict after the class name)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="29"/>
        <source>体质：各班体育课开齐情况</source>
        <translation>Activity: PE lessons held per class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="50"/>
        <source>应上节数：</source>
        <translation>Lessons required: </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="61"/>
        <source>实际上课节数</source>
        <translation>Lessons held</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="70"/>
        <source>{held} / {required} 节</source>
        <translation>{held} / {required} lessons</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="73"/>
        <source>未开齐</source>
        <translation>short</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="76"/>
        <source>，被占用 {n} 节</source>
        <translation>, {n} taken over</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="90"/>
        <source>本周体育课（节）（班名后为本周判定）</source>
        <translation>PE lessons this week (verdict after the class name)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="97"/>
        <source>未开齐（少于应上节数）</source>
        <translation>Short (fewer than required)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/common.py" line="224"/>
        <source>不布置书面作业</source>
        <translation>no written homework</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="105"/>
        <source>体质：大课间与校内体育活动时间</source>
        <translation>Activity: long break and in-school physical activity</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="112"/>
        <source>大课间日均（分钟）</source>
        <translation>Long break per day (min)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="113"/>
        <source>大课间不少于</source>
        <translation>Long break at least </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="118"/>
        <source>校内体育活动日均（分钟）</source>
        <translation>In-school physical activity per day (min)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="119"/>
        <source>校内体育活动不少于</source>
        <translation>In-school physical activity at least </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="124"/>
        <source>日均分钟（班名后为本周判定）</source>
        <translation>Minutes per day (verdict after the class name)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="137"/>
        <source>体质：眼保健操与视力监测</source>
        <translation>Activity: eye exercises and vision checks</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="152"/>
        <source>每天两次眼保健操的上课日比例</source>
        <translation>Share of school days with eye exercises twice</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="153"/>
        <source>要求：每个上课日都做（100%）</source>
        <translation>Required: every school day (100%)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="158"/>
        <source>本学期视力监测完成比例</source>
        <translation>Share of this term&apos;s vision checks done</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="159"/>
        <source>要求：每学期完成规定次数（100%）</source>
        <translation>Required: all checks of the term (100%)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/activity.py" line="170"/>
        <source>比例（班名后为本周判定）</source>
        <translation>Share (verdict after the class name)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/afterschool.py" line="15"/>
        <source>课后服务：各班开展天数与时长</source>
        <translation>After-school service: days held and length per class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/afterschool.py" line="29"/>
        <source>开展天数</source>
        <translation>Days held</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/afterschool.py" line="30"/>
        <source>天</source>
        <translation>days</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/afterschool.py" line="38"/>
        <source>日均时长</source>
        <translation>Length per day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/afterschool.py" line="39"/>
        <source>分钟</source>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/afterschool.py" line="69"/>
        <source>要求：每周 </source>
        <translation>Required: per week </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/afterschool.py" line="71"/>
        <source>要求：每天不少于 </source>
        <translation>Required: per day at least </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/afterschool.py" line="82"/>
        <source>本周{what}（{unit}）</source>
        <translation>{what} this week ({unit})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="17"/>
        <source>读物：进校园读物审核情况</source>
        <translation>Reading: review of books brought into school</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="33"/>
        <source>已审核</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="34"/>
        <source>待审核</source>
        <translation>Awaiting review</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="35"/>
        <source>问题读物已处置</source>
        <translation>Problem books dealt with</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="36"/>
        <source>问题读物未处置</source>
        <translation>Problem books not dealt with</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="37"/>
        <source>推荐书目</source>
        <translation>Recommended list</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="38"/>
        <source>推荐书目未公示</source>
        <translation>Recommended list not published</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="53"/>
        <source>要求：待审核、未处置、未公示均为 0</source>
        <translation>Required: 0 awaiting review, not dealt with or not published</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="56"/>
        <source>读物（种）</source>
        <translation>Books (titles)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="57"/>
        <source>全校读物目录</source>
        <translation>School book catalogue</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="74"/>
        <source>班级图书角读物</source>
        <translation>Class book-corner books</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="83"/>
        <source>其中未完成审核</source>
        <translation>Of which not reviewed</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="95"/>
        <source>要求：未审核为 0</source>
        <translation>Required: 0 not reviewed</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="99"/>
        <source>班级图书角读物（种）</source>
        <translation>Class book-corner books (titles)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/reading.py" line="100"/>
        <source>各班图书角：未审核 / 总数</source>
        <translation>Class book corners: not reviewed / total</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="20"/>
        <source>有等级学生中的占比（格内为人数；未测、成绩不完整、免测、无评分表不计入等级）</source>
        <translation>Share of students with a rating (numbers in the bars are students; untested, incomplete, exempt and no scoring table are not rated)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="32"/>
        <source>《国家学生体质健康标准》等级，各班人数占比</source>
        <translation>National Student Physical Fitness Standard ratings, share of students per class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="33"/>
        <source>暂无数据：尚未导入本学年体质测试成绩</source>
        <translation>No data yet: this school year&apos;s fitness test results are not imported</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="41"/>
        <source>体质测试：各班等级分布</source>
        <translation>Fitness test: ratings per class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="46"/>
        <source>各班</source>
        <translation>Classes</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="47"/>
        <source>各年级</source>
        <translation>Grades</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="102"/>
        <source>{n} 人有等级</source>
        <translation>{n} rated</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="110"/>
        <source>无等级：{others}</source>
        <translation>No rating: {others}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="125"/>
        <source>及格线（左侧为及格及以上）</source>
        <translation>Pass line (left of it: pass or better)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="138"/>
        <source>{year} 学年</source>
        <translation>school year {year}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="140"/>
        <source>本学年</source>
        <translation>This school year</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="142"/>
        <source>体质测试：各班与各年级等级分布（{year}，每学年测试一次）</source>
        <translation>Fitness test: ratings per class and grade ({year}, tested once a school year)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="148"/>
        <source>暂无数据：尚未录入{year}体质测试成绩</source>
        <translation>No data yet: no fitness test results entered for {year}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/fitness.py" line="154"/>
        <source>《国家学生体质健康标准》等级，{year}的测试成绩（不随所选的周变化）</source>
        <translation>National Student Physical Fitness Standard ratings, results of {year} (not changed by the selected week)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="15"/>
        <source>趋势：近几周各年级变化</source>
        <translation>Trends: grades over recent weeks</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="17"/>
        <source>暂无数据：少于两周</source>
        <translation>No data yet: fewer than two weeks</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="24"/>
        <source>{first} 至 {last}，每条线一个年级</source>
        <translation>{first} to {last}, one line per grade</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="56"/>
        <source>上限 {cap} 分钟（{grades}）</source>
        <translation>Limit {cap} min ({grades})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="59"/>
        <source>作业：年级日均（未登记的班不计为 0）</source>
        <translation>Homework: grade average per day (classes not logged are not counted as 0)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="68"/>
        <source>目标：0（无红灯）</source>
        <translation>Target: 0 (no red)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="70"/>
        <source>红灯方面占比</source>
        <translation>Share of red areas</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="71"/>
        <source>五项管理：红灯（超标、未达标、违规）的班级·方面占比</source>
        <translation>Five managements: share of class·areas in red (over limit, not met, violation)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="85"/>
        <source>要求：100% 达标</source>
        <translation>Required: 100% meeting the rule</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="87"/>
        <source>睡眠达标比例</source>
        <translation>Share with enough sleep</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="88"/>
        <source>睡眠：抽样学生睡眠时间达标比例</source>
        <translation>Sleep: share of sampled students with enough sleep</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/charts/trends.py" line="95"/>
        <source>周（ISO 周次）</source>
        <translation>Week (ISO week)</translation>
    </message>
</context>
<context>
    <name>ChecklistEditor</name>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="45"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="46"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="47"/>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="155"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="156"/>
        <source>要点</source>
        <translation>Point</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="157"/>
        <source>自评</source>
        <translation>Self-assessment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="158"/>
        <source>自评说明（佐证材料）</source>
        <translation>Notes (supporting evidence)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="172"/>
        <source>“自评”和“说明”由软件根据台账记录提出，可直接修改（修改即保存）；灰色为“学校不填”项。</source>
        <translation>“Self-assessment” and “Notes” are suggested by the software from the register records and can be edited directly (changes are saved at once); grey items are “not filled in by the school”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="191"/>
        <source>恢复软件建议</source>
        <translation>Restore suggestion</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="205"/>
        <source>正在根据台账记录提出自评（{label}）……</source>
        <translation>Proposing the self-assessment from the registers ({label})…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="216"/>
        <source>提出自评</source>
        <translation>Proposing the self-assessment</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="262"/>
        <source>（学校补充）</source>
        <translation>(added by school)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="263"/>
        <source>（学校不填）</source>
        <translation>(not filled in by school)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="269"/>
        <location filename="../../ui/pages/report_editors.py" line="325"/>
        <source>已修改</source>
        <translation>Edited</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="93"/>
        <source>整改完成</source>
        <translation>Corrective action completed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="99"/>
        <source>如何整改的（例如：已约谈任课教师，作业改为课内完成）</source>
        <translation>How it was corrected (e.g. met the subject teacher; homework is now done in class)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="100"/>
        <source>完成日期</source>
        <translation>Completion date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="101"/>
        <source>整改情况</source>
        <translation>Action taken</translation>
    </message>
</context>
<context>
    <name>ConfirmDefaultsDialog</name>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="116"/>
        <source>确认学校自定的数值</source>
        <translation>Confirm school-set values</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="120"/>
        <source>作业公示表面向家长。以下数值国家未作统一规定，请确认本校的数值（建议值已填入）：</source>
        <translation>The homework notice is for parents. The following values are not set nationally; please confirm your school&apos;s values (suggested values are filled in):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="131"/>
        <source>{low}至{high}：{title}</source>
        <translation>{low} to {high}: {title}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="139"/>
        <source>例如 本校作业管理制度（2026年9月修订）</source>
        <translation>e.g. School homework policy (revised September 2026)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="140"/>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="30"/>
        <source>两边都修改过的记录</source>
        <translation>Records changed on both sides</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="35"/>
        <source>以下记录在本机和数据包中都被修改过。请逐条选择保留哪一个版本，全部选择后才能导入（取消则什么都不导入）。两个版本都会记入审计记录，再次导入同一个数据包时不会再问。</source>
        <translation>The following records were changed both on this computer and in the data package. Choose which version to keep for each one; the import can go ahead once every record has a choice (Cancel imports nothing). Both versions are kept in the audit log, and importing the same package again will not ask again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="45"/>
        <source>台账</source>
        <translation>Register</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="46"/>
        <source>班级 · 日期 · 学科</source>
        <translation>Class · Date · Subject</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="47"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="48"/>
        <source>本机</source>
        <translation>This computer</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="49"/>
        <source>数据包</source>
        <translation>Data package</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="50"/>
        <source>处理</source>
        <translation>Choice</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="73"/>
        <source>保留本机</source>
        <translation>Keep local</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="73"/>
        <source>采用数据包</source>
        <translation>Use package</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="87"/>
        <source>全部保留本机</source>
        <translation>Keep all local</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="88"/>
        <source>全部采用数据包</source>
        <translation>Use package for all</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="90"/>
        <source>按所选导入</source>
        <translation>Import as chosen</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="92"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="118"/>
        <source>还有 {n} 处没有选择</source>
        <translation>{n} still to choose</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/conflicts.py" line="118"/>
        <source>已全部选择</source>
        <translation>All chosen</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="43"/>
        <source>作业</source>
        <translation>Homework</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="44"/>
        <source>睡眠</source>
        <translation>Sleep</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="45"/>
        <source>手机</source>
        <translation>Phones</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="46"/>
        <source>读物</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="47"/>
        <source>体质(活动)</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="48"/>
        <source>课后服务</source>
        <translation>After-school</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="84"/>
        <location filename="../../ui/pages/dashboard.py" line="104"/>
        <source>校长看板</source>
        <translation>Principal&apos;s dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="108"/>
        <source>◀ 上一周</source>
        <translation>◀ Previous week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="112"/>
        <source>下一周 ▶</source>
        <translation>Next week ▶</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="113"/>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="132"/>
        <source>方面</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="134"/>
        <source>全部方面</source>
        <translation>All areas</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="138"/>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="141"/>
        <source>分学科图的班级</source>
        <translation>Class for by-subject chart</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="127"/>
        <source>点击格子或柱条，打开该班当天的登记页面。</source>
        <translation>Click a cell or bar to open that class&apos;s register for the day.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="172"/>
        <source>全部年级</source>
        <translation>All grades</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="177"/>
        <source>自动（日均最高的班）</source>
        <translation>Automatic (class with highest daily average)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="192"/>
        <source>（本周）</source>
        <translation> (this week)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="194"/>
        <source>{year} 年第 {week} 周 {start}—{end}{current}</source>
        <translation>Week {week}, {year}: {start}–{end}{current}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="240"/>
        <source>正在统计并绘制 {year} 年第 {week} 周的图表……</source>
        <translation>Preparing charts for week {week}, {year}…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="269"/>
        <source>正在统计图表</source>
        <translation>Preparing charts</translation>
    </message>
</context>
<context>
    <name>DataPage</name>
    <message>
        <location filename="../../ui/pages/data.py" line="55"/>
        <source>数据与安全</source>
        <translation>Data &amp; safety</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="59"/>
        <source>数据交换</source>
        <translation>Data exchange</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="60"/>
        <source>备份与恢复</source>
        <translation>Backup &amp; restore</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="61"/>
        <source>审计记录</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="62"/>
        <location filename="../../ui/pages/data.py" line="641"/>
        <source>账户</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="127"/>
        <source>导出台账记录数据包…</source>
        <translation>Export register data package…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="128"/>
        <source>导出学校设置数据包…</source>
        <translation>Export school set-up package…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="129"/>
        <source>导入数据包…</source>
        <translation>Import data package…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="130"/>
        <source>全部台账导出为 Excel…</source>
        <translation>Export all registers to Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="131"/>
        <source>从 Excel 导回…</source>
        <translation>Import back from Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="198"/>
        <source>导出数据包</source>
        <translation>Export data package</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="200"/>
        <source>数据包 (*.fivemgmt)</source>
        <translation>Data packages (*.fivemgmt)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="212"/>
        <location filename="../../ui/pages/data.py" line="244"/>
        <location filename="../../ui/pages/data.py" line="257"/>
        <location filename="../../ui/pages/data.py" line="267"/>
        <source>导入数据包</source>
        <translation>Import data package</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="212"/>
        <source>数据包 (*.fivemgmt);;所有文件 (*)</source>
        <translation>Data packages (*.fivemgmt);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="241"/>
        <source>没有需要导入的新内容。</source>
        <translation>There is nothing new to import.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="257"/>
        <source>确定导入吗？（导入前会自动备份）</source>
        <translation>Go ahead with the import? (A backup is made automatically first.)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="262"/>
        <location filename="../../ui/pages/data.py" line="306"/>
        <source>已导入，写入 {n} 条记录。</source>
        <translation>Imported; {n} records written.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="272"/>
        <location filename="../../ui/pages/data.py" line="279"/>
        <source>导出台账</source>
        <translation>Export registers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="272"/>
        <location filename="../../ui/pages/data.py" line="283"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="283"/>
        <location filename="../../ui/pages/data.py" line="298"/>
        <location filename="../../ui/pages/data.py" line="301"/>
        <source>从 Excel 导回</source>
        <translation>Import back from Excel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="292"/>
        <source>新增 {new}，修改 {changed}，不变 {unchanged}</source>
        <translation>{new} new, {changed} changed, {unchanged} unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="298"/>
        <source>文件与数据库一致，没有需要导入的修改。</source>
        <translation>The file matches the database; there are no changes to import.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="310"/>
        <source>导入台账</source>
        <translation>Import registers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="330"/>
        <location filename="../../ui/pages/data.py" line="386"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="331"/>
        <source>从所选备份恢复…</source>
        <translation>Restore from selected backup…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="375"/>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="375"/>
        <source>已备份：{label}</source>
        <translation>Backed up: {label}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="396"/>
        <location filename="../../ui/pages/data.py" line="455"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="396"/>
        <source>请先在列表中选择一份备份。</source>
        <translation>Select a backup in the list first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="412"/>
        <source>只有管理员可以从备份恢复。</source>
        <translation>Only an administrator can restore from a backup.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="425"/>
        <source>不能使用这份备份：{p}</source>
        <translation>This backup cannot be used: {p}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="431"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="431"/>
        <source>确定恢复吗？</source>
        <translation>Go ahead with the restore?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="455"/>
        <source>已从备份恢复。</source>
        <translation>Restored from backup.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="502"/>
        <location filename="../../ui/pages/data.py" line="551"/>
        <source>校验审计链</source>
        <translation>Verify audit chain</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="512"/>
        <source>记录编号（可从 Excel 导出的“记录编号”列复制）</source>
        <translation>Record ID (can be copied from the “Record ID” column of the Excel export)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="513"/>
        <source>查看修改历史</source>
        <translation>View change history</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="514"/>
        <source>表</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="515"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="108"/>
        <source>教师：导出本班自上次导出以来的修改，发给教导处。校长/教导处：导入各班的数据包；导出学校设置数据包，新教师的电脑导入后即有本校的班级和学生。数据包用学校密钥加密并签名，损坏或外校的数据包不会被导入。给某位教师或某个班级导出时，设置包只含这些班级的学生，记录包只含该教师可修改的记录（更正发回教师）。</source>
        <translation>Teachers: export your class&apos;s changes since the last export and send them to the academic office. Principal / academic office: import each class&apos;s data packages; export the school set-up package, and a new teacher&apos;s computer has the school&apos;s classes and students once it is imported. Packages are encrypted and signed with the school key; damaged packages and packages from another school are not imported. When exporting for one teacher or class, the set-up package holds only the students of those classes, and the register package only the records that teacher may change (corrections sent back to the teacher).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="116"/>
        <source>数据包给：</source>
        <translation>Package for:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="161"/>
        <source>本机签名密钥指纹：{fingerprint}</source>
        <translation>This PC&apos;s signing key fingerprint: {fingerprint}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="163"/>
        <source>全校（所有班级）</source>
        <translation>Whole school (all classes)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="171"/>
        <source>教师：{name}（{user}）</source>
        <translation>Teacher: {name} ({user})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="177"/>
        <source>班级：{name}</source>
        <translation>Class: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="196"/>
        <source>给{name}</source>
        <translation>for {name}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="221"/>
        <location filename="../../ui/pages/data.py" line="228"/>
        <source>加入学校</source>
        <translation>Join school</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="221"/>
        <source>学校密钥：</source>
        <translation>School key:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="228"/>
        <source>请重新输入学校密钥：</source>
        <translation>Please enter the school key again:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="237"/>
        <source>……另有 {n} 行，见“数据交换”中的记录</source>
        <translation>… {n} more lines, see the log under “Exchange”</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="248"/>
        <source>已取消导入，未写入任何数据。</source>
        <translation>Import cancelled; nothing was written.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="251"/>
        <source>冲突：保留本机 {keep} 处，采用数据包 {take} 处。</source>
        <translation>Conflicts: {keep} kept local, {take} taken from the package.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="319"/>
        <source>本软件在启动时、每天、升级前和导入数据包前自动备份（保留最近 14 天每天一份、12 个月每月一份）。恢复前会先备份当前数据库。备份用学校密钥加密：请导出恢复密钥，打印后锁好，电脑丢失或损坏时在新电脑上凭它恢复备份。</source>
        <translation>The software backs up automatically at start-up, every day, before upgrades and before importing data packages (keeping one a day for the last 14 days and one a month for 12 months). The current database is backed up before any restore. Backups are encrypted with the school key: export the recovery key, print it and lock it away; if the computer is lost or damaged, use it to restore the backups on a new computer.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="332"/>
        <source>从备份文件恢复…</source>
        <translation>Restore from backup file…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="333"/>
        <source>导出恢复密钥…</source>
        <translation>Export recovery key…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="370"/>
        <source>正在备份……</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="403"/>
        <source>从备份文件恢复</source>
        <translation>Restore from backup file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="403"/>
        <source>备份 (*.backup *.sqlite);;所有文件 (*)</source>
        <translation>Backups (*.backup *.sqlite);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="419"/>
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="419"/>
        <source>{p}。

恢复密钥：</source>
        <translation>{p}.

Recovery key:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="471"/>
        <source>只有管理员或校长可以导出恢复密钥。</source>
        <translation>Only an administrator or the principal can export the recovery key.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="474"/>
        <location filename="../../ui/pages/data.py" line="493"/>
        <source>导出恢复密钥</source>
        <translation>Export recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="474"/>
        <source>恢复密钥.txt</source>
        <translation>recovery-key.txt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="474"/>
        <source>文本文件 (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="489"/>
        <source>无法写入“{f}”：{e}</source>
        <translation>Cannot write “{f}”: {e}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="494"/>
        <source>已保存到“{f}”（仅本人可读）。请打印后锁好保管，然后删除这个文件。</source>
        <translation>Saved to “{f}” (readable only by you). Print it, lock it away, then delete this file.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="534"/>
        <location filename="../../ui/pages/data.py" line="547"/>
        <source>正在校验审计链……</source>
        <translation>Verifying the audit chain…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="554"/>
        <source>已取消校验。</source>
        <translation>Verification cancelled.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="572"/>
        <source>这条记录没有修改历史（请检查表和记录编号）。</source>
        <translation>This record has no change history (check the table and record ID).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="582"/>
        <location filename="../../ui/pages/data.py" line="650"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="582"/>
        <source>显示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="582"/>
        <location filename="../../ui/pages/data.py" line="655"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="582"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="589"/>
        <source>新建账户…</source>
        <translation>New account…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="590"/>
        <source>设置密码…</source>
        <translation>Set password…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="591"/>
        <source>停用/启用</source>
        <translation>Disable/enable</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="592"/>
        <source>解除锁定</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="593"/>
        <source>本机免密码登录…</source>
        <translation>Sign in without password on this computer…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="618"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="618"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="621"/>
        <source>锁定至 {t}</source>
        <translation>Locked until {t}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="624"/>
        <source>本机免密码</source>
        <translation>No password on this computer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="641"/>
        <source>请先在列表中选择一个账户。</source>
        <translation>Select an account in the list first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="650"/>
        <location filename="../../ui/pages/data.py" line="655"/>
        <location filename="../../ui/pages/data.py" line="659"/>
        <source>新建账户</source>
        <translation>New account</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="659"/>
        <source>初始密码（至少 6 个字符）</source>
        <translation>Initial password (at least 6 characters)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="678"/>
        <location filename="../../ui/pages/data.py" line="681"/>
        <location filename="../../ui/pages/data.py" line="689"/>
        <source>设置密码</source>
        <translation>Set password</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="678"/>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="681"/>
        <source>“{name}”的新密码</source>
        <translation>New password for “{name}”</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="689"/>
        <source>已修改密码。</source>
        <translation>Password changed.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="702"/>
        <location filename="../../ui/pages/data.py" line="707"/>
        <source>本机免密码登录</source>
        <translation>Sign in without password on this computer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="703"/>
        <source>允许本机不输入密码直接以“{name}”登录吗？只适合一人专用的电脑。</source>
        <translation>Allow this computer to sign in as “{name}” without a password? Only suitable for a computer used by one person.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/data.py" line="707"/>
        <source>取消本机免密码登录吗？</source>
        <translation>Stop signing in without a password on this computer?</translation>
    </message>
</context>
<context>
    <name>DateNavigator</name>
    <message>
        <location filename="../../ui/widgets/date_navigator.py" line="29"/>
        <source>前一天 (Alt+←)</source>
        <translation>Previous day (Alt+←)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_navigator.py" line="35"/>
        <source>后一天 (Alt+→)</source>
        <translation>Next day (Alt+→)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_navigator.py" line="37"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_navigator.py" line="55"/>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_navigator.py" line="56"/>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_navigator.py" line="57"/>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_navigator.py" line="58"/>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_navigator.py" line="59"/>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_navigator.py" line="60"/>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_navigator.py" line="61"/>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/date_navigator.py" line="49"/>
        <location filename="../../ui/widgets/date_navigator.py" line="73"/>
        <source>（今天）</source>
        <translation> (today)</translation>
    </message>
</context>
<context>
    <name>DayKind</name>
    <message>
        <location filename="../../fivemgmt/calendar.py" line="36"/>
        <source>上课日</source>
        <translation>School day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/calendar.py" line="37"/>
        <source>周末</source>
        <translation>Weekend</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/calendar.py" line="38"/>
        <source>节假日</source>
        <translation>Public holiday</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/calendar.py" line="39"/>
        <source>假期</source>
        <translation>Vacation</translation>
    </message>
</context>
<context>
    <name>DayState</name>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="46"/>
        <source>未登记</source>
        <translation>Not logged</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="47"/>
        <source>今日无作业</source>
        <translation>No homework today</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="48"/>
        <source>已登记</source>
        <translation>Logged</translation>
    </message>
</context>
<context>
    <name>DispositionDialog</name>
    <message>
        <location filename="../../ui/pages/reading.py" line="681"/>
        <source>处置《{title}》</source>
        <translation>Deal with “{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="688"/>
        <source>处置方式</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="689"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="690"/>
        <source>处置人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="691"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="60"/>
        <source>整改事项</source>
        <translation>Corrective action item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="73"/>
        <source>存在问题</source>
        <translation>Problem found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="74"/>
        <source>整改措施</source>
        <translation>Corrective measures</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="75"/>
        <source>责任人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="76"/>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
</context>
<context>
    <name>FindingsEditor</name>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="352"/>
        <source>存在问题</source>
        <translation>Problem found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="353"/>
        <source>整改措施</source>
        <translation>Rectification measure</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="354"/>
        <source>责任人</source>
        <translation>Person responsible</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="355"/>
        <source>完成时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="356"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="357"/>
        <source>整改完成情况</source>
        <translation>Rectification done</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="369"/>
        <source>领导小组</source>
        <translation>Leadership group</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="376"/>
        <source>保存名单</source>
        <translation>Save list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="394"/>
        <source>由红灯生成问题</source>
        <translation>Create items from red lights</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="395"/>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="396"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="397"/>
        <source>标记已整改…</source>
        <translation>Mark as corrected…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="398"/>
        <location filename="../../ui/pages/report_editors.py" line="498"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="420"/>
        <source>本期另有 {n} 项红灯问题尚未列入整改清单，可点“由红灯生成问题”。</source>
        <translation>{n} more red-light problems this period are not yet on the corrective action list; click “Create items from red lights”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="422"/>
        <source>本期红灯问题均已列入整改清单。</source>
        <translation>All red-light problems this period are on the corrective action list.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="426"/>
        <source>（逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/report_editors.py" line="498"/>
        <source>删除这一整改事项？由红灯生成的问题删除后不会再次生成。</source>
        <translation>Delete this corrective action item? Items created from red lights will not be created again once deleted.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/login.py" line="35"/>
        <source>首次运行：建立管理员账户</source>
        <translation>First run: create an administrator account</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="39"/>
        <source>本机还没有任何账户。请先建立管理员账户（负责学校设置、规则、备份和账户管理）。
如果只有您一人使用本机，建好后可在“数据与安全”中允许免密码登录。</source>
        <translation>There are no accounts on this computer yet. First create an administrator account (responsible for school set-up, rules, backups and account management).
If you are the only person using this computer, you can allow sign-in without a password under Data &amp; safety afterwards.</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="47"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="52"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="53"/>
        <source>显示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="54"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="55"/>
        <source>再输入一次</source>
        <translation>Confirm password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="71"/>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>Fitness</name>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="17"/>
        <source>优秀</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="18"/>
        <source>良好</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="19"/>
        <source>及格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="20"/>
        <source>不及格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="22"/>
        <source>未测</source>
        <translation>Not tested</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="23"/>
        <source>免测</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="24"/>
        <source>无评分表</source>
        <translation>No scoring table</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="25"/>
        <source>成绩不完整</source>
        <translation>Incomplete results</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="27"/>
        <source>身高</source>
        <translation>Height</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="28"/>
        <source>体重</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="29"/>
        <source>体重指数(BMI)</source>
        <translation>Body mass index (BMI)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="30"/>
        <source>肺活量</source>
        <translation>Vital capacity</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="31"/>
        <source>50米跑</source>
        <translation>50 m run</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="32"/>
        <source>立定跳远</source>
        <translation>Standing long jump</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="33"/>
        <source>坐位体前屈</source>
        <translation>Sit and reach</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="34"/>
        <source>50米×8往返跑</source>
        <translation>50 m × 8 shuttle run</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="35"/>
        <source>一分钟跳绳</source>
        <translation>1-minute rope skipping</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="36"/>
        <source>800米跑</source>
        <translation>800 m run</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="37"/>
        <source>1000米跑</source>
        <translation>1000 m run</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="38"/>
        <source>一分钟仰卧起坐</source>
        <translation>1-minute sit-ups</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="39"/>
        <source>引体向上</source>
        <translation>Pull-ups</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="41"/>
        <source>秒</source>
        <translation>s</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="42"/>
        <source>厘米</source>
        <translation>cm</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="43"/>
        <source>千克</source>
        <translation>kg</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="44"/>
        <source>毫升</source>
        <translation>ml</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/names.py" line="45"/>
        <source>次</source>
        <translation>times</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/scoring.py" line="157"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/scoring.py" line="307"/>
        <source>无评分表（年级编号{code}）</source>
        <translation>No scoring table (grade code {code})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/scoring.py" line="316"/>
        <source>无评分表（{stage}评分表尚未收录）</source>
        <translation>No scoring table (the {stage} tables are not included yet)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/scoring.py" line="370"/>
        <location filename="../../fivemgmt/fitness/scoring.py" line="378"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/scoring.py" line="371"/>
        <source>{names}登记为免测：仅该项免测，其余项目照常计分，学生未整体免测；缺该项不计算学年总分（学生整体免予执行的，请登记学生免测）</source>
        <translation>{names} recorded as exempt: only that test is exempt, the others are scored as usual and the student is not exempt as a whole; without it no year total is computed (for a student exempt from the whole test, record the student as exempt)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/scoring.py" line="381"/>
        <source>成绩不完整，缺：{names}</source>
        <translation>Incomplete results, missing: {names}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/vision.py" line="70"/>
        <source>任一眼裸眼视力低于 {below} 计为视力不良（依据：{source}；{on} 由 {by} 确认）</source>
        <translation>Uncorrected vision below {below} in either eye counts as poor vision (basis: {source}; confirmed on {on} by {by})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/vision.py" line="76"/>
        <source>视力不良（近视）判定标准尚未确认：本软件所依据的文件没有写明阈值，请管理员在“视力筛查”中填写学校采用的裸眼视力阈值及其依据文件后，才计算近视率。</source>
        <translation>The poor-vision (myopia) threshold is not confirmed yet: the documents this software follows give no value. The myopia rate is computed once an administrator enters, under &quot;Vision screening&quot;, the uncorrected-vision threshold the school uses and the document it comes from.</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/vision.py" line="284"/>
        <source>{name}还没有视力筛查结果。</source>
        <translation>{name} has no vision screening results yet.</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/vision.py" line="289"/>
        <source>{name} {date} 筛查 {screened} 人，近视（视力不良）{poor} 人，近视率 {rate}%，较上次（{before}）{change} 个百分点。</source>
        <translation>{name}, screening of {date}: {screened} students, {poor} myopic (poor vision), myopia rate {rate}%, {change} percentage points against the last one ({before}).</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/vision.py" line="297"/>
        <source>{name} {date} 筛查 {screened} 人，近视（视力不良）{poor} 人，近视率 {rate}%，这是第一次筛查，没有可比较的上次结果。</source>
        <translation>{name}, screening of {date}: {screened} students, {poor} myopic (poor vision), myopia rate {rate}%; this is the first screening, there is no earlier one to compare with.</translation>
    </message>
</context>
<context>
    <name>FitnessModel</name>
    <message>
        <location filename="../../ui/models/fitness.py" line="57"/>
        <source>免测请用“免测…”按钮登记并填写原因。</source>
        <translation>To record an exemption, use the “Exempt…” button and give the reason.</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="87"/>
        <source>学籍号</source>
        <translation>Student ID</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="93"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="99"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="113"/>
        <source>体重指数，由身高和体重算出</source>
        <translation>Body mass index, calculated from height and weight</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="124"/>
        <source>直接输入成绩；跑步可写 3&apos;40 或 3.40（分.秒）</source>
        <translation>Type the result directly; runs can be written 3&apos;40 or 3.40 (min.sec)</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="131"/>
        <source>学年总分</source>
        <translation>Year total score</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="137"/>
        <source>等级</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="141"/>
        <source>未测</source>
        <translation>Not tested</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="147"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="150"/>
        <source>免测原因、缺测项目等</source>
        <translation>Exemption reason, missed tests, etc.</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="200"/>
        <source>免测：{reason}</source>
        <translation>Exempt: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="257"/>
        <source>BMI {bmi}（{band}），得分 {score}</source>
        <translation>BMI {bmi} ({band}), score {score}</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="262"/>
        <source>，加分 {bonus}</source>
        <translation>, bonus {bonus}</translation>
    </message>
    <message>
        <location filename="../../ui/models/fitness.py" line="267"/>
        <source>{name}得分 {score}（权重 {weight}%）</source>
        <translation>{name} score {score} (weight {weight}%)</translation>
    </message>
</context>
<context>
    <name>FitnessPage</name>
    <message>
        <location filename="../../ui/pages/fitness.py" line="102"/>
        <location filename="../../ui/pages/fitness.py" line="112"/>
        <source>体质健康测试</source>
        <translation>Physical fitness test</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="116"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="86"/>
        <location filename="../../ui/pages/fitness.py" line="120"/>
        <source>学年</source>
        <translation>School year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="85"/>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="88"/>
        <source>成绩完整</source>
        <translation>Complete results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="89"/>
        <source>优秀</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="90"/>
        <source>良好</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="91"/>
        <source>及格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="92"/>
        <source>不及格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="95"/>
        <source>不完整</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="129"/>
        <source>免测…</source>
        <translation>Exempt…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="130"/>
        <source>导入上报模板…</source>
        <translation>Import report template…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="131"/>
        <source>导出上报模板…</source>
        <translation>Export report template…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="132"/>
        <source>打印报告书…</source>
        <translation>Print student reports…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="133"/>
        <source>装入评分表…</source>
        <translation>Load scoring tables…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="136"/>
        <source>初中、高中评分表未随软件提供：从文件装入官方评分表（与随软件的 item_tables.csv、bmi_bands.csv 同列），逐格检查通过后才使用。</source>
        <translation>The junior and senior secondary tables are not shipped: load the official tables from a file (same columns as the bundled item_tables.csv and bmi_bands.csv); they are used only once every cell passes the check.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="157"/>
        <source>成绩登记</source>
        <translation>Results entry</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="158"/>
        <source>班级统计</source>
        <translation>Class statistics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="159"/>
        <source>年级/全校对比</source>
        <translation>Grade / school comparison</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="160"/>
        <source>视力筛查</source>
        <translation>Vision screening</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="187"/>
        <source>直接输入成绩，每格修改立即保存 · Enter：下一名学生（同一项目）· Tab：下一项目 · 跑步写 3&apos;40 或 3.40（分.秒）· 格内“9.2 · 78”表示成绩 · 得分</source>
        <translation>Type results directly; every cell is saved at once · Enter: next student (same test) · Tab: next test · write runs as 3&apos;40 or 3.40 (min.sec) · “9.2 · 78” in a cell means result · score</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="209"/>
        <source>等级分布</source>
        <translation>Rating distribution</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="213"/>
        <source>各项目平均</source>
        <translation>Average by test</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="217"/>
        <source>不及格学生（需跟进）</source>
        <translation>Students who failed (follow-up needed)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="232"/>
        <source>比较</source>
        <translation>Compare</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="241"/>
        <source>全校：各年级按当年测试时的年级统计；年级：同一班级的学生逐年对比（去年低一个年级）。比率以成绩完整的学生为基数；未测或缺项的学生计入“不完整”，不按0分计。</source>
        <translation>Whole school: each grade is counted by the grade at the time of that year&apos;s test. Grade: the same class&apos;s students compared year on year (one grade lower last year). Rates are based on students with complete results; students not tested or missing tests count as “incomplete”, not as 0 points.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="255"/>
        <source>导入视力筛查结果…</source>
        <translation>Import vision results…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="257"/>
        <source>表头：姓名、学籍号（可选）、筛查日期、左眼裸眼视力、右眼裸眼视力（五分记录，如 4.8）</source>
        <translation>Headers: 姓名, 学籍号 (optional), 筛查日期, 左眼裸眼视力, 右眼裸眼视力 (5-point notation, e.g. 4.8)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="259"/>
        <source>确认视力不良标准…</source>
        <translation>Confirm the poor-vision threshold…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="272"/>
        <source>各次筛查的近视率</source>
        <translation>Myopia rate per screening</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="276"/>
        <source>学生最近一次筛查</source>
        <translation>Each student&apos;s latest screening</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="312"/>
        <source>{year}学年</source>
        <translation>School year {year}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="319"/>
        <source>全校各年级</source>
        <translation>Whole school by grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="321"/>
        <source>{grade}各班</source>
        <translation>{grade} by class</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="337"/>
        <source>还没有班级：请先在“设置”中添加班级和学生名册。</source>
        <translation>No classes yet: add classes and the student roster under Set-up first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="368"/>
        <source>未确认标准</source>
        <translation>Threshold not confirmed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="372"/>
        <source>首次</source>
        <translation>First</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="374"/>
        <source>{sign}{n} 个百分点</source>
        <translation>{sign}{n} percentage points</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="387"/>
        <location filename="../../ui/pages/fitness.py" line="423"/>
        <source>筛查日期</source>
        <translation>Screening date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="388"/>
        <source>筛查人数</source>
        <translation>Screened</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="389"/>
        <source>近视人数</source>
        <translation>Myopic</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="390"/>
        <source>近视率</source>
        <translation>Myopia rate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="391"/>
        <source>较上次</source>
        <translation>Change since last</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="401"/>
        <source>未筛查</source>
        <translation>Not screened</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="407"/>
        <source>视力不良</source>
        <translation>Poor vision</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="407"/>
        <source>正常</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="422"/>
        <source>学籍号</source>
        <translation>Student ID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="424"/>
        <source>左眼裸眼视力</source>
        <translation>Left eye (uncorrected)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="425"/>
        <source>右眼裸眼视力</source>
        <translation>Right eye (uncorrected)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="426"/>
        <source>判定</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="435"/>
        <source>共 {n} 人，已测 {tested} 人</source>
        <translation>{n} students, {tested} tested</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="444"/>
        <source>及格率 {rate} · 平均 {avg} 分</source>
        <translation>Pass rate {rate} · average {avg} points</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="449"/>
        <source>成绩不完整 {n}</source>
        <translation>Incomplete results: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="451"/>
        <source>免测 {n}</source>
        <translation>Exempt: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="93"/>
        <location filename="../../ui/pages/fitness.py" line="475"/>
        <source>及格率</source>
        <translation>Pass rate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="94"/>
        <location filename="../../ui/pages/fitness.py" line="476"/>
        <source>平均总分</source>
        <translation>Average total</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="477"/>
        <source>成绩不完整</source>
        <translation>Incomplete results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="96"/>
        <location filename="../../ui/pages/fitness.py" line="478"/>
        <location filename="../../ui/pages/fitness.py" line="598"/>
        <source>免测</source>
        <translation>Exempt</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="97"/>
        <location filename="../../ui/pages/fitness.py" line="479"/>
        <source>无评分表</source>
        <translation>No scoring table</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="481"/>
        <source>等级</source>
        <translation>Rating</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="87"/>
        <location filename="../../ui/pages/fitness.py" line="481"/>
        <source>人数</source>
        <translation>Students</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="481"/>
        <source>比例</source>
        <translation>Share</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="499"/>
        <source>项目</source>
        <translation>Test</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="499"/>
        <source>平均成绩</source>
        <translation>Average result</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="499"/>
        <source>平均得分</source>
        <translation>Average score</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="421"/>
        <location filename="../../ui/pages/fitness.py" line="512"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="454"/>
        <source>无评分表 {n}（本年级评分表未随软件提供，须由管理员装入；只登记成绩）</source>
        <translation>No table {n} (this grade&apos;s tables are not shipped and must be loaded by the admin; results are recorded only)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="463"/>
        <source>评分表：{source}</source>
        <translation>Scoring tables: {source}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="506"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="507"/>
        <source>{item} {score}分</source>
        <translation>{item} {score} points</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="512"/>
        <source>学年总分</source>
        <translation>Year total score</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="512"/>
        <source>最弱项目</source>
        <translation>Weakest test</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="594"/>
        <source>请先在表格中选中一名学生。</source>
        <translation>Select a student in the table first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="599"/>
        <source>{name} 免予测试的原因（疾病、残疾等，留空表示取消免测）：</source>
        <translation>Reason {name} is exempt from testing (illness, disability, etc.; leave empty to cancel the exemption):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="626"/>
        <source>选择上报模板文件</source>
        <translation>Choose report template file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="626"/>
        <source>Excel 文件 (*.xlsx *.xls)</source>
        <translation>Excel files (*.xlsx *.xls)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="654"/>
        <source>导入 {year} 学年体质测试成绩</source>
        <translation>Import the {year} school year&apos;s fitness test results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="663"/>
        <source>正在导入体质测试成绩</source>
        <translation>Importing fitness test results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="669"/>
        <source>导入完成</source>
        <translation>Import complete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="669"/>
        <source>已导入 {n} 名学生的成绩。</source>
        <translation>Results imported for {n} students.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="673"/>
        <source>正在检查上报模板</source>
        <translation>Checking report template</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="679"/>
        <source>选择评分表文件（可多选：item_tables、bmi_bands、bonus_tables）</source>
        <translation>Choose scoring-table files (several allowed: item_tables, bmi_bands, bonus_tables)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="680"/>
        <source>评分表文件 (*.csv *.xlsx)</source>
        <translation>Table files (*.csv *.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="689"/>
        <source>，取代了之前装入的“{old}”</source>
        <translation>, replacing the earlier &quot;{old}&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="694"/>
        <source>评分表已装入</source>
        <translation>Scoring tables loaded</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="695"/>
        <source>已装入“{files}”（SHA-256 {sha}）：年级编号 {codes}{replaced}。</source>
        <translation>Loaded &quot;{files}&quot; (SHA-256 {sha}): grade codes {codes}{replaced}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="705"/>
        <source>正在检查评分表</source>
        <translation>Checking the scoring tables</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="714"/>
        <source>选择视力筛查结果文件</source>
        <translation>Choose a vision results file</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="714"/>
        <source>表格文件 (*.xlsx *.xls *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="721"/>
        <source>导入{name}视力筛查结果</source>
        <translation>Import vision results of {name}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="730"/>
        <source>正在导入视力筛查结果</source>
        <translation>Importing vision results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="736"/>
        <source>正在检查视力筛查结果</source>
        <translation>Checking vision results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="743"/>
        <source>视力不良判定标准</source>
        <translation>Poor-vision threshold</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="744"/>
        <source>任一眼裸眼视力低于多少计为视力不良（五分记录，如 5.0）：</source>
        <translation>Uncorrected vision below which either eye counts as poor vision (5-point notation, e.g. 5.0):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="750"/>
        <source>视力不良判定标准的依据</source>
        <translation>Source of the poor-vision threshold</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="751"/>
        <source>请写明学校采用的文件名称和文号（必填）：</source>
        <translation>The title and number of the document the school follows (required):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="767"/>
        <source>导出国家学生体质健康标准上报模板</source>
        <translation>Export National Student Physical Fitness Standard report template</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="769"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="778"/>
        <source>正在导出上报模板</source>
        <translation>Exporting report template</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="780"/>
        <source>导出完成</source>
        <translation>Export complete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="781"/>
        <source>已导出 {n} 名学生（{year} 学年）到 {path}</source>
        <translation>Exported {n} students (school year {year}) to {path}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="791"/>
        <source>保存体质健康报告书</source>
        <translation>Save fitness reports</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="793"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="802"/>
        <source>正在生成报告书</source>
        <translation>Generating reports</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="804"/>
        <source>报告书已生成</source>
        <translation>Reports generated</translation>
    </message>
    <message>
        <location filename="../../ui/pages/fitness.py" line="805"/>
        <source>已生成 {n} 名学生的体质健康报告书：{path}</source>
        <translation>Fitness reports generated for {n} students: {path}</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <location filename="../../ui/pages/phone.py" line="711"/>
        <source>升级处理结案</source>
        <translation>Close the escalation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="711"/>
        <source>登记家长沟通</source>
        <translation>Talk with the parents</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="722"/>
        <source>结案日期</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="722"/>
        <source>沟通日期</source>
        <translation>Date of the talk</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="724"/>
        <source>结案人</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="725"/>
        <source>如：家长签订承诺书，此后未再带手机</source>
        <translation>e.g. the parents signed a pledge; no phone brought since</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="726"/>
        <source>处理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="728"/>
        <source>沟通方式</source>
        <translation>Contact by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="729"/>
        <source>如：家长同意每天检查书包</source>
        <translation>e.g. the parents agreed to check the school bag every day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="730"/>
        <source>沟通结果</source>
        <translation>Outcome of the talk</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="733"/>
        <source>本学期违规 {n} 次：{dates}</source>
        <translation>{n} violations this term: {dates}</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <location filename="../../ui/help.py" line="43"/>
        <source>使用指南</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location filename="../../ui/help.py" line="57"/>
        <source>找不到使用指南文件：{path}</source>
        <translation>The user guide file is missing: {path}</translation>
    </message>
</context>
<context>
    <name>HomeworkModel</name>
    <message>
        <location filename="../../ui/models/homework.py" line="24"/>
        <source>学科</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../ui/models/homework.py" line="31"/>
        <source>作业内容</source>
        <translation>Homework</translation>
    </message>
    <message>
        <location filename="../../ui/models/homework.py" line="34"/>
        <source>作业类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/models/homework.py" line="40"/>
        <source>只有书面作业计入书面作业时长上限</source>
        <translation>Only written homework counts toward the written-homework cap</translation>
    </message>
    <message>
        <location filename="../../ui/models/homework.py" line="43"/>
        <source>必做/选做</source>
        <translation>Required/optional</translation>
    </message>
    <message>
        <location filename="../../ui/models/homework.py" line="51"/>
        <source>预计时长(分钟)</source>
        <translation>Minutes (est.)</translation>
    </message>
    <message>
        <location filename="../../ui/models/homework.py" line="59"/>
        <source>布置教师</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <location filename="../../ui/models/homework.py" line="66"/>
        <source>周末/假期作业</source>
        <translation>Weekend/holiday</translation>
    </message>
    <message>
        <location filename="../../ui/models/homework.py" line="71"/>
        <source>勾选：这项作业是为接下来的周末或假期布置的，计入休息期的书面作业总量，不计入当天</source>
        <translation>Tick if this homework is set for the coming weekend or holiday: it counts toward the written homework total for the break, not for the day</translation>
    </message>
</context>
<context>
    <name>HomeworkPage</name>
    <message>
        <location filename="../../ui/pages/homework.py" line="58"/>
        <location filename="../../ui/pages/homework.py" line="88"/>
        <source>作业管理</source>
        <translation>Homework register</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="96"/>
        <source>添加一行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="97"/>
        <source>删除所选行</source>
        <translation>Delete row</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="98"/>
        <source>复制上次的作业</source>
        <translation>Copy last homework</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="99"/>
        <source>复制本班最近一次登记的作业（跳过周末、假期和“今日无作业”）</source>
        <translation>Copy this class&apos;s most recently logged homework (skipping weekends, holidays and “No homework today”)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="100"/>
        <source>从某天复制…</source>
        <translation>Copy from a day…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="101"/>
        <source>今日无作业</source>
        <translation>No homework today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="102"/>
        <location filename="../../ui/pages/homework.py" line="523"/>
        <source>全屏公示</source>
        <translation>Full-screen notice</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="104"/>
        <source>在教室屏幕或学校显示屏上全屏显示本班（或整个年级）当天的作业，随登记更新</source>
        <translation>Show this class&apos;s (or the whole grade&apos;s) homework for the day full screen on a classroom or school display; it updates as homework is logged</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="106"/>
        <source>未登记班级…</source>
        <translation>Classes not logged…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="108"/>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="110"/>
        <source>导入作业登记表、教师作业记录或一周的作业公示表（xlsx/xls/csv）</source>
        <translation>Import a homework register, a teacher&apos;s homework record or a weekly homework notice (xlsx/xls/csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="113"/>
        <source>课表…</source>
        <translation>Timetable…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="114"/>
        <source>本班每天上哪些学科：登记作业时按当天课表列出学科</source>
        <translation>The class&apos;s subjects on each weekday: the homework register lists the day&apos;s subjects from it</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="132"/>
        <source>列出常用学科</source>
        <translation>List the usual subjects</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="195"/>
        <source>Enter：下一行（最后一行时新增一行）· Tab：下一格 · Del：删除行 · 每次修改立即保存</source>
        <translation>Enter: next row (adds a row on the last one) · Tab: next cell · Del: delete row · every change is saved at once</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="197"/>
        <source> · 修改过去的日期需填写作业调整说明</source>
        <translation> · changing a past day needs a reason</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="202"/>
        <source>判定说明：{reading}。周末、节假日、寒暑假按整个休息期合计判定，由休息期最后一天所在的周计入；勾选“周末/假期作业”的作业计入其后的休息期。</source>
        <translation>How it is judged: {reading}. Weekends, public holidays and school holidays are judged on the total for the whole break, counted in the week of its last day; homework ticked “Weekend/holiday” counts toward the break that follows.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="227"/>
        <source>按课表列出{weekday}的学科：填写内容和时长即保存，不填的不保存。</source>
        <translation>{weekday}&apos;s subjects from the timetable: a row is saved once its content and minutes are typed; rows left empty are not saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="233"/>
        <source>本班课表{weekday}没有课。</source>
        <translation>The class&apos;s timetable has no lessons on {weekday}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="237"/>
        <source>本班还没有课表（可点“课表…”设置），可先列出本班常用的学科：{subjects}</source>
        <translation>This class has no timetable yet (set one with “Timetable…”); its usual subjects can be listed instead: {subjects}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="243"/>
        <source>本班还没有课表，也没有任课学科：请先点“课表…”设置。</source>
        <translation>This class has no timetable and no subjects taught yet: set the timetable first (“Timetable…”).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="316"/>
        <source>计入上限 {counted} 分钟 · 全部作业 {total} 分钟 · {count} 条</source>
        <translation>{counted} min counted · {total} min in all · {count} entries</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="325"/>
        <source>{state} {minutes}分</source>
        <translation>{state} {minutes} min</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="347"/>
        <location filename="../../ui/pages/homework.py" line="555"/>
        <source>作业调整说明</source>
        <translation>Reason for the change</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="348"/>
        <source>请填写调整原因（将记入修改记录）：</source>
        <translation>Please give the reason (kept in the change log):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="365"/>
        <source>登记将来的日子</source>
        <translation>Log a future day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="366"/>
        <source>{day} 还没有到（今天是 {today}）。确定要为这一天登记作业吗？</source>
        <translation>{day} has not come yet (today is {today}). Log homework for this day anyway?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="380"/>
        <source>学科不能为空；要删除这一行请按 Del。</source>
        <translation>The subject cannot be empty; press Del to delete the row.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="451"/>
        <source>{day} 之前这个班级还没有登记过作业，没有可复制的内容。</source>
        <translation>This class has no homework logged before {day}; there is nothing to copy.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="464"/>
        <source>从某天复制作业</source>
        <translation>Copy homework from a day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="466"/>
        <source>把哪一天的作业复制到 {day}？</source>
        <translation>Copy the homework of which day to {day}?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="483"/>
        <source>{day} 没有登记作业，没有可复制的内容。</source>
        <translation>No homework is logged for {day}; there is nothing to copy.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="490"/>
        <source>复制作业</source>
        <translation>Copy homework</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="524"/>
        <source>公示范围：</source>
        <translation>Show for:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="527"/>
        <source>整个{grade}</source>
        <translation>Whole {grade}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="542"/>
        <source>导入作业</source>
        <translation>Import homework</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="557"/>
        <source>文件中有 {rows} 行是已经过去的日子（预览中已标出），导入需要一条作业调整说明。
请填写调整原因（将记入这些行的修改记录）：</source>
        <translation>{rows} rows of the file are past days (marked in the preview); importing them needs one homework adjustment note.
Please give the reason (kept in these rows&apos; change history):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="562"/>
        <source>没有填写作业调整说明，未导入任何数据。</source>
        <translation>No homework adjustment note was given; nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="491"/>
        <source>当天已有 {count} 条作业，仍要把 {day} 的作业复制过来吗？</source>
        <translation>This day already has {count} entries. Copy the homework of {day} as well?</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="45"/>
        <source>表格文件 (*.xlsx *.xls *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="53"/>
        <source>检查通过：{rows} 行（{counts}）。</source>
        <translation>Check passed: {rows} rows ({counts}).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="64"/>
        <source>新增</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="65"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="66"/>
        <source>不变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="67"/>
        <source>移动</source>
        <translation>Moved</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="68"/>
        <source>拒绝</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="95"/>
        <source>{title}：{name}</source>
        <translation>{title}: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="104"/>
        <source>“{name}”有 {count} 处错误，未导入任何数据。请改正下表中“拒绝”的行后重新导入。</source>
        <translation>“{name}” has {count} error(s); nothing was imported. Correct the rows marked “Refused” below and import again.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="113"/>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="114"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="115"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="128"/>
        <source>逐行查看 ({count})</source>
        <translation>Row by row ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="137"/>
        <source>文件未列出 ({count})</source>
        <translation>Not in the file ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="141"/>
        <source>提示 ({count})</source>
        <translation>Notes ({count})</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="146"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="148"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="163"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="166"/>
        <source>“{column}”列：{message}</source>
        <translation>column “{column}”: {message}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/import_flow.py" line="192"/>
        <source>“{name}”：
{errors}

全部行按“{values}”导入吗？</source>
        <translation>“{name}”:
{errors}

Import all rows as “{values}”?</translation>
    </message>
</context>
<context>
    <name>Login</name>
    <message>
        <location filename="../../ui/login.py" line="238"/>
        <source>数据库不能打开</source>
        <translation>The database cannot be opened</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="241"/>
        <source>现在从这份备份恢复吗？（损坏的文件会改名保留）</source>
        <translation>Restore from this backup now? (The damaged file will be kept under a new name.)</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="306"/>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="208"/>
        <source>新建学校</source>
        <translation>New school</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="209"/>
        <source>找不到学校数据库“{path}”。
要在这里新建一所学校吗？</source>
        <translation>The school database “{path}” cannot be found.
Create a new school here?</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="307"/>
        <source>启动时的自动备份没有完成：{error}</source>
        <translation>The automatic backup at start-up did not complete: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="218"/>
        <source>审计链</source>
        <translation>Audit chain</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="88"/>
        <source>登录 — 五项管理台账</source>
        <translation>Sign in — Five Managements Register</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="94"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="95"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="106"/>
        <location filename="../../ui/login.py" line="125"/>
        <location filename="../../ui/login.py" line="152"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="121"/>
        <source>正在核对密码……</source>
        <translation>Checking the password…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="56"/>
        <location filename="../../ui/help.py" line="29"/>
        <source>作业</source>
        <translation>Homework</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="57"/>
        <source>睡眠</source>
        <translation>Sleep</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="58"/>
        <source>手机</source>
        <translation>Phones</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="59"/>
        <source>读物</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="60"/>
        <source>体质(活动)</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="62"/>
        <source>课后服务</source>
        <translation>After-school</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="64"/>
        <source>体质测试</source>
        <translation>Fitness test</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="65"/>
        <source>总览</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="66"/>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="67"/>
        <source>设置</source>
        <translation>Set-up</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="68"/>
        <source>数据与安全</source>
        <translation>Data &amp; safety</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="144"/>
        <location filename="../../ui/main_window.py" line="320"/>
        <source>五项管理台账</source>
        <translation>Five Managements Register</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164"/>
        <source> 只读 </source>
        <translation> Read-only </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166"/>
        <source>本账户只能查看和打印，不能修改任何记录。</source>
        <translation>This account can only view and print; it cannot change any records.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>正在检查数据库文件……检查通过前不能登录，也不能写入。</source>
        <translation>Checking the database file… You can sign in and save once the check has passed.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="217"/>
        <source> 已停止写入：数据库文件有问题 </source>
        <translation> Writing stopped: the database file has a problem </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="223"/>
        <source>{message}

为保护数据，本软件已停止写入这个数据库（仍可查看和打印）。请到“数据与安全”从备份恢复。</source>
        <translation>{message}

To protect the data, the app has stopped writing to this database (you can still view and print). Please restore from a backup under &quot;Data &amp; security&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="225"/>
        <source>数据库文件有问题</source>
        <translation>The database file has a problem</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>（尚未设置学校，请到“设置”填写）</source>
        <translation>(no school yet: fill it in under Set-up)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315"/>
        <source>学校：{name}&#x3000;用户：{user}</source>
        <translation>School: {name}   User: {user}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196"/>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>数据库：{path}</source>
        <translation>Database: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="320"/>
        <source>五项管理台账（只读）</source>
        <translation>Five Managements Register (read-only)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="363"/>
        <source>打开数据库…</source>
        <translation>Open database…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="370"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="371"/>
        <source>使用指南</source>
        <translation>User guide</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="374"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="388"/>
        <source>打开学校数据库</source>
        <translation>Open school database</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="390"/>
        <source>学校数据库 (*.sqlite *.db)</source>
        <translation>School databases (*.sqlite *.db)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>这就是当前打开的数据库。</source>
        <translation>This is the database that is open now.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="407"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
<context>
    <name>MoveStudentDialog</name>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="195"/>
        <source>学籍变动：{name}</source>
        <translation>Transfer: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="198"/>
        <source>转班</source>
        <translation>Move to another class</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="199"/>
        <source>转出</source>
        <translation>Leave the school</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="200"/>
        <source>变动</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="205"/>
        <source>自哪天起</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="210"/>
        <source>转入班级</source>
        <translation>To class</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="212"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>PhoneModel</name>
    <message>
        <location filename="../../ui/models/phone.py" line="16"/>
        <location filename="../../ui/models/phone.py" line="66"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="18"/>
        <source>经批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="20"/>
        <source>是，至 {day}</source>
        <translation>Yes, until {day}</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="22"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="26"/>
        <source>保管状态</source>
        <translation>Phone status</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="27"/>
        <source>未登记</source>
        <translation>Not logged</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="32"/>
        <source>无有效申请的学生带了手机，保存时一律记为“违规带入”</source>
        <translation>A phone brought by a student without a valid application is always saved as “Brought in without permission”</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="37"/>
        <source>放学已归还</source>
        <translation>Returned after school</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="43"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="68"/>
        <source>申请日期</source>
        <translation>Application date</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="73"/>
        <source>家长</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="74"/>
        <source>申请理由</source>
        <translation>Reason for application</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="75"/>
        <source>审批结果</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="76"/>
        <source>审批人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="78"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="84"/>
        <source>书面申请扫描件</source>
        <translation>Scan of written application</translation>
    </message>
    <message>
        <location filename="../../ui/models/phone.py" line="85"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>PhonePage</name>
    <message>
        <location filename="../../ui/pages/phone.py" line="47"/>
        <location filename="../../ui/pages/phone.py" line="62"/>
        <source>手机管理</source>
        <translation>Phone management</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="67"/>
        <source>每日保管</source>
        <translation>Daily safekeeping</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="68"/>
        <source>入校申请</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="69"/>
        <source>制度与设施</source>
        <translation>Policies &amp; facilities</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="70"/>
        <source>违规与升级处理</source>
        <translation>Violations &amp; escalation</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="78"/>
        <source>收取人</source>
        <translation>Collected by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="82"/>
        <source>归还人</source>
        <translation>Returned by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="86"/>
        <source>全部已交（保存当天）</source>
        <translation>All handed in (save day)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="88"/>
        <source>经批准的学生全部已交、放学已归还；表中改过的学生按所改状态保存</source>
        <translation>All approved students handed in their phones and got them back after school; students changed in the table are saved with the changed status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="90"/>
        <source>登记违规带入…</source>
        <translation>Log unauthorised phone…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="91"/>
        <source>导入保管登记…</source>
        <translation>Import custody log…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="94"/>
        <source>导入每日手机保管登记表（Excel/CSV），每行一名学生一天，列：{columns}；无有效申请带手机的按“违规带入”登记；先检查，全部无误才写入</source>
        <translation>Import the daily phone custody log (Excel/CSV), one row per student and day, columns: {columns}; a phone brought without a valid application is recorded as a violation; it is checked first and only written if everything is correct</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="121"/>
        <source>新增申请…</source>
        <translation>New application…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="122"/>
        <source>修改所选…</source>
        <translation>Edit selected…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="123"/>
        <source>删除所选…</source>
        <translation>Delete selected…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="124"/>
        <source>删除登记错的申请；删除记入审计记录</source>
        <translation>Delete an application entered by mistake; the deletion is kept in the audit log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="125"/>
        <source>查看扫描件</source>
        <translation>View scan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="126"/>
        <source>导入申请表…</source>
        <translation>Import applications…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="128"/>
        <source>导入家长申请登记表（Excel/CSV），列：{columns}；先检查，全部无误才写入</source>
        <translation>Import the parents&apos; application register (Excel/CSV), columns: {columns}; it is checked first and only written if everything is correct</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="162"/>
        <source>本学期手机管理制度与设施（校长/教导处）</source>
        <translation>Phone management policies &amp; facilities this term (principal / academic office)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="164"/>
        <source>已建立手机入校书面申请制度</source>
        <translation>A written application procedure for bringing phones to school is in place</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="165"/>
        <source>规定手机不得带入课堂</source>
        <translation>Phones must not be taken into class</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="166"/>
        <source>规定不得用手机布置或要求学生用手机完成作业</source>
        <translation>Phones must not be used to set homework, nor students required to do homework on phones</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="171"/>
        <source>已告知家长，日期</source>
        <translation>Parents informed, on</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="179"/>
        <source>保存制度与设施</source>
        <translation>Save policies &amp; facilities</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="180"/>
        <source>保存本班责任人</source>
        <translation>Save class staff</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="184"/>
        <source>保管装置</source>
        <translation>Storage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="185"/>
        <source>校内公用电话</source>
        <translation>School public phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="186"/>
        <source>班主任沟通热线</source>
        <translation>Class teacher hotline</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="187"/>
        <source>教育引导措施</source>
        <translation>Guidance measures</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="193"/>
        <source>本班保管责任人</source>
        <translation>Responsible for this class&apos;s phones</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="208"/>
        <source>登记家长沟通…</source>
        <translation>Record a talk with the parents…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="209"/>
        <source>结案…</source>
        <translation>Close the case…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="270"/>
        <source>当天已登记。修改状态立即保存；无有效申请的学生带手机记为“违规带入”。</source>
        <translation>This day is logged. Status changes are saved at once; a student with a phone but no valid application is recorded as “Brought in without permission”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="275"/>
        <source>当天尚未登记：核对后点“全部已交”保存（没有学生带手机时也请点一下，表示已检查）。</source>
        <translation>This day is not logged yet: check, then click “All handed in” to save (click it even if no student brought a phone, to show the check was done).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="283"/>
        <source>{day} 有效申请 {n} 份，共 {total} 份</source>
        <translation>{day}: {n} valid applications of {total}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="296"/>
        <source>检查项</source>
        <translation>Check item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="296"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="296"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="296"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="339"/>
        <source>本学期违规带入手机达到 {n} 次的学生（需与家长沟通、升级处理）：</source>
        <translation>Students who brought a phone without permission {n} or more times this term (contact parents and escalate):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="341"/>
        <source>本学期没有学生违规带入手机达到升级处理的次数。</source>
        <translation>No student has brought a phone without permission often enough this term to need escalation.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="346"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="346"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="346"/>
        <source>违规次数</source>
        <translation>Violations</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="346"/>
        <location filename="../../ui/pages/phone.py" line="379"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="346"/>
        <source>处理</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>先登记与家长的沟通，再结案。</source>
        <translation type="vanished">Record a talk with the parents before closing the case.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="372"/>
        <source>选中一名学生，查看并登记与家长的沟通、结案。</source>
        <translation>Select a student to see and record talks with the parents and the closing.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="376"/>
        <source>{name}：{state}</source>
        <translation>{name}: {state}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="379"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="379"/>
        <source>沟通方式</source>
        <translation>Contact by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="379"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="379"/>
        <source>结案人</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="407"/>
        <source>经批准 {n} 人</source>
        <translation>{n} approved</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="410"/>
        <source>已登记</source>
        <translation>Logged</translation>
    </message>
    <message>
        <source>未登记</source>
        <translation type="vanished">Not logged</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="455"/>
        <source>登记违规带入</source>
        <translation>Log unauthorised phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="455"/>
        <source>带手机入校但无有效申请的学生：</source>
        <translation>Students who brought a phone to school without a valid application:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="479"/>
        <source>导入手机保管登记</source>
        <translation>Import phone custody log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="504"/>
        <source>请先选择要删除的申请。</source>
        <translation>Select the application to delete first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="509"/>
        <source>删除申请</source>
        <translation>Delete application</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="510"/>
        <source>删除{name}的手机入校申请（{day} 申请，{decision}）吗？
删除记入审计记录。</source>
        <translation>Delete {name}&apos;s application to bring a phone to school (applied {day}, {decision})?
The deletion is kept in the audit log.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="527"/>
        <source>导入手机入校申请</source>
        <translation>Import phone applications</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="539"/>
        <source>这份申请没有附扫描件。</source>
        <translation>This application has no scan attached.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/phone.py" line="549"/>
        <source>还没有学期：请先在“设置”中添加学期。</source>
        <translation>No terms yet: add a term under Set-up first.</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../ui/pages/placeholder.py" line="21"/>
        <source>此页面加载失败，其他功能不受影响。
{error}</source>
        <translation>This page failed to load; everything else still works.
{error}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placeholder.py" line="23"/>
        <source>即将推出：这一部分正在开发中。</source>
        <translation>Coming soon: this part is being built.</translation>
    </message>
</context>
<context>
    <name>QuestionnaireDialog</name>
    <message>
        <location filename="../../ui/pages/sleep.py" line="483"/>
        <source>导入睡眠问卷：{name}</source>
        <translation>Import sleep questionnaire: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="487"/>
        <source>已按上次的列对应填好，请核对。</source>
        <translation>Columns are matched as last time; please check them.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="490"/>
        <source>请为每项选择问卷中的列（已按表头猜测）。选项型答案在下方表格中对应到时刻、小时数或“达标/不达标”。</source>
        <translation>Choose the questionnaire column for each item (guessed from the headers). Map multiple-choice answers in the table below to a time, a number of hours, or “Met/Not met”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="498"/>
        <source>学生</source>
        <translation>Student</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="499"/>
        <source>班级（可选）</source>
        <translation>Class (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="500"/>
        <source>日期列</source>
        <translation>Date column</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="501"/>
        <source>就寝时间</source>
        <translation>Bedtime</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="502"/>
        <source>起床时间</source>
        <translation>Wake-up time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="503"/>
        <source>睡眠时长</source>
        <translation>Sleep duration</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="507"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="516"/>
        <source>按姓名</source>
        <translation>By name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="517"/>
        <source>按学籍号</source>
        <translation>By student ID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="526"/>
        <source>或统一日期</source>
        <translation>or one date for all</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="543"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="545"/>
        <source>选项对应（值：21:30 这样的时刻；时长填小时数；或“达标”/“不达标”）</source>
        <translation>Answer mapping (value: a time such as 21:30; hours for durations; or “Met” / “Not met”)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="547"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="547"/>
        <source>问卷答案</source>
        <translation>Questionnaire answer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="547"/>
        <source>对应值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="555"/>
        <source>检查</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="556"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="623"/>
        <source>可导入 {n} 行（新增 {new}，修改 {changed}，不变 {same}）。</source>
        <translation>{n} rows can be imported ({new} new, {changed} changed, {same} unchanged).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="632"/>
        <source>有 {n} 处错误，不能导入：</source>
        <translation>There are {n} errors; cannot import:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="636"/>
        <source>以下 {n} 行对应不到名册中的学生，不会导入：</source>
        <translation>The following {n} rows do not match any student on the roster and will not be imported:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="639"/>
        <source>第 {row} 行 {name}：{why}</source>
        <translation>Row {row} {name}: {why}</translation>
    </message>
</context>
<context>
    <name>ReadingModel</name>
    <message>
        <location filename="../../ui/models/reading.py" line="17"/>
        <source>图书角</source>
        <translation>Reading corner</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="25"/>
        <location filename="../../ui/models/reading.py" line="108"/>
        <source>书名</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="30"/>
        <location filename="../../ui/models/reading.py" line="113"/>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="36"/>
        <location filename="../../ui/models/reading.py" line="119"/>
        <source>出版社</source>
        <translation>Publisher</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="42"/>
        <source>ISBN</source>
        <translation>ISBN</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="48"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="54"/>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="60"/>
        <source>册数</source>
        <translation>Copies</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="66"/>
        <source>审核进度</source>
        <translation>Review progress</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="70"/>
        <source>初选 → 评议 → 确认 → 公示 → 备案</source>
        <translation>Shortlist → Review → Confirm → Publish → File</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="73"/>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="95"/>
        <source>× 未</source>
        <translation>× Not yet: </translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="102"/>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="125"/>
        <source>公示</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../ui/models/reading.py" line="131"/>
        <source>备案</source>
        <translation>Filed</translation>
    </message>
</context>
<context>
    <name>ReadingPage</name>
    <message>
        <location filename="../../ui/pages/reading.py" line="55"/>
        <source>读物</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="66"/>
        <source>课外读物</source>
        <translation>Extracurricular reading</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="78"/>
        <source>图书目录与审核</source>
        <translation>Catalogue &amp; review</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="79"/>
        <source>推荐书目</source>
        <translation>Recommended list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="97"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="101"/>
        <source>登记图书…</source>
        <translation>Register book…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="102"/>
        <source>导入目录…</source>
        <translation>Import catalogue…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="103"/>
        <source>删除所选…</source>
        <translation>Delete selected…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="105"/>
        <source>删除登记错的图书（尚未审核的）；删除记入审计记录。已审核的图书不再使用请“处置”</source>
        <translation>Delete a book entered by mistake (not yet reviewed); the deletion is kept in the audit log. A reviewed book no longer used is withdrawn with “Disposition”</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="107"/>
        <source>下一步（初选/确认/公示/备案）…</source>
        <translation>Next step (shortlist/confirm/publish/file)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="108"/>
        <source>评议…</source>
        <translation>Review…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="109"/>
        <source>处置…</source>
        <translation>Deal with…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="110"/>
        <source>撤销上一步…</source>
        <translation>Undo last step…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="111"/>
        <source>加入推荐书目…</source>
        <translation>Add to recommended list…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="151"/>
        <source>学年</source>
        <translation>School year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="155"/>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="159"/>
        <source>移出推荐书目</source>
        <translation>Remove from recommended list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="160"/>
        <source>导出家长版书目(PDF)…</source>
        <translation>Export list for parents (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="170"/>
        <source>家长版书目注明：</source>
        <translation>Note on the parents&apos; list:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="198"/>
        <source>全部年级</source>
        <translation>All grades</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="240"/>
        <source>全校：图书 {books} 种 · 已审核 {reviewed} · 待审核 {pending} · 问题读物已处置 {done}、未处置 {open} · 推荐书目 {recommended} 种（缺公示/备案 {unpublished}）</source>
        <translation>Whole school: {books} titles · reviewed {reviewed} · awaiting review {pending} · problem books dealt with {done}, outstanding {open} · recommended titles {recommended} (not yet published/filed {unpublished})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="259"/>
        <source>图书角 {n} 种</source>
        <translation>Reading corner: {n} titles</translation>
    </message>
    <message>
        <source>全校：{finding}；本班：{reason}</source>
        <translation type="vanished">Whole school: {finding}; this class: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="294"/>
        <source>请先在目录中选择图书。</source>
        <translation>Select books in the catalogue first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="331"/>
        <source>一次删除一本图书：请只选择一本。</source>
        <translation>Books are deleted one at a time: select only one.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="336"/>
        <source>删除图书</source>
        <translation>Delete book</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="337"/>
        <source>从目录中删除《{title}》吗？
删除记入审计记录。</source>
        <translation>Delete “{title}” from the catalogue?
The deletion is kept in the audit log.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="350"/>
        <source>所选图书的下一步不同（或已完成/为问题读物），请分开处理。</source>
        <translation>The selected books have different next steps (or are finished / problem books); please handle them separately.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="373"/>
        <source>评议要逐本进行，请只选择一本书。</source>
        <translation>Books are reviewed one at a time; please select only one book.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="384"/>
        <source>《{title}》不符合负面清单要求，不能推荐。请予以处置（封存/下架/上报）。</source>
        <translation>“{title}” fails the negative list and cannot be recommended. Please deal with it (seal / withdraw / report).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="394"/>
        <source>请只选择一本书。</source>
        <translation>Please select only one book.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="423"/>
        <source>撤销上一步</source>
        <translation>Undo last step</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="424"/>
        <source>撤销《{title}》的“{step}”，原因：</source>
        <translation>Undo “{step}” for “{title}”; reason:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="441"/>
        <source>加入推荐书目</source>
        <translation>Add to recommended list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="442"/>
        <source>{year} 学年，年级：</source>
        <translation>School year {year}, grade:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="472"/>
        <source>导出家长版书目</source>
        <translation>Export list for parents</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="479"/>
        <source>导出推荐书目</source>
        <translation>Export recommended list</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="487"/>
        <source>导入图书目录</source>
        <translation>Import book catalogue</translation>
    </message>
</context>
<context>
    <name>RecordHistory</name>
    <message>
        <location filename="../../ui/widgets/history.py" line="34"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="35"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="36"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="37"/>
        <source>修改内容</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="38"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="52"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="53"/>
        <source>修改</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="54"/>
        <source>删除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="55"/>
        <source>导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="56"/>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="69"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="106"/>
        <source>修改记录：{table}</source>
        <translation>Change history: {table}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/history.py" line="115"/>
        <source>这条记录还没有修改记录。</source>
        <translation>This record has no changes yet.</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <location filename="../../ui/widgets/record_table.py" line="180"/>
        <source>修改记录…</source>
        <translation>Change history…</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <location filename="../../ui/models/base.py" line="96"/>
        <source>请输入整数。</source>
        <translation>Please enter a whole number.</translation>
    </message>
    <message>
        <location filename="../../ui/models/base.py" line="99"/>
        <source>请输入 {low}–{high} 之间的数。</source>
        <translation>Please enter a number from {low} to {high}.</translation>
    </message>
    <message>
        <location filename="../../ui/models/base.py" line="109"/>
        <source>请选择：{choices}</source>
        <translation>Please choose one of: {choices}</translation>
    </message>
    <message>
        <location filename="../../ui/models/base.py" line="121"/>
        <source>日期格式应为 YYYY-MM-DD。</source>
        <translation>Dates are written YYYY-MM-DD.</translation>
    </message>
    <message>
        <location filename="../../ui/models/base.py" line="144"/>
        <source>应为“是”或“否”。</source>
        <translation>Should be “Yes” or “No”.</translation>
    </message>
    <message>
        <location filename="../../ui/models/base.py" line="326"/>
        <source>第 {row} 行：粘贴的列比表格多</source>
        <translation>Row {row}: more columns pasted than the table has</translation>
    </message>
    <message>
        <location filename="../../ui/models/base.py" line="341"/>
        <source>第 {row} 行“{column}”：{message}</source>
        <translation>Row {row}, “{column}”: {message}</translation>
    </message>
</context>
<context>
    <name>RecordTableView</name>
    <message>
        <location filename="../../ui/widgets/record_table.py" line="248"/>
        <source>没有粘贴任何内容：
</source>
        <translation>Nothing was pasted:
</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_table.py" line="264"/>
        <source>第 {row} 行起没有粘贴：表格不能再加行</source>
        <translation>Nothing pasted from row {row} on: the table cannot take more rows</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_table.py" line="274"/>
        <source>没有粘贴任何内容：粘贴的行都未保存。</source>
        <translation>Nothing was pasted: none of the pasted rows were saved.</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="53"/>
        <source>“五项管理”实地督查要点 自查表</source>
        <translation>“Five managements” on-site inspection checklist (self-inspection)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="54"/>
        <source>督学实地督查用表，自评栏由台账记录提出建议</source>
        <translation>The inspectors&apos; on-site form; self-assessments are proposed from the registers</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="58"/>
        <source>“双减”督导检查 自查表</source>
        <translation>“Double reduction” inspection checklist (self-inspection)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="59"/>
        <source>双减督导重点13项，自评栏由台账记录提出建议</source>
        <translation>The 13 key points of the double-reduction inspection; self-assessments proposed from the registers</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="63"/>
        <source>作业公示表</source>
        <translation>Homework notice</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="64"/>
        <source>每班每日（或一周）作业公示，或整个年级一页</source>
        <translation>Each class&apos;s homework of a day (or a week), or one page per grade</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="69"/>
        <source>“五项管理”自查报告</source>
        <translation>“Five managements” self-inspection report</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="70"/>
        <source>领导小组、各方面落实情况与图表、存在问题、整改措施</source>
        <translation>Leading group, how each area is carried out, with charts, problems found and rectification</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="74"/>
        <source>校长周报</source>
        <translation>Principal&apos;s weekly report</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="75"/>
        <source>一周总体情况、各班判定与重点图表（2–4页）</source>
        <translation>The week overall, each class&apos;s verdicts and the key charts (2–4 pages)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="80"/>
        <source>问题整改清单</source>
        <translation>Rectification list</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/documents.py" line="81"/>
        <source>整改事项、责任人、完成时限与整改情况</source>
        <translation>Items, who is responsible, deadlines and progress</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/period.py" line="94"/>
        <source>{week}（{start:%Y年%m月%d日}—{end:%m月%d日}）</source>
        <translation>{week} ({start:%Y-%m-%d} – {end:%m-%d})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/period.py" line="97"/>
        <source>{day:%Y年%m月%d日}</source>
        <translation>{day:%Y-%m-%d}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/reports/period.py" line="98"/>
        <source>{start:%Y年%m月%d日}—{end:%Y年%m月%d日}</source>
        <translation>{start:%Y-%m-%d} – {end:%Y-%m-%d}</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ui/pages/reports.py" line="170"/>
        <source>报表与自查表</source>
        <translation>Reports &amp; self-inspection forms</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="190"/>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="191"/>
        <source>上周</source>
        <translation>Last week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="192"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="193"/>
        <source>当天</source>
        <translation>Selected day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="196"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="207"/>
        <source>时段</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="212"/>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="151"/>
        <source>预览前 {shown} 页，共 {total} 页；打印预览可看全部。</source>
        <translation>Previewing the first {shown} of {total} pages; print preview shows them all.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="194"/>
        <source>本学期</source>
        <translation>This term</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="195"/>
        <source>本学年</source>
        <translation>This school year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="231"/>
        <source>打印预览…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="232"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="233"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="292"/>
        <source>还没有填写学期，请先在“设置”中填写学期起止日期。</source>
        <translation>No term has been filled in yet: fill in the term dates under Set-up first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="321"/>
        <source>全部班级（每班一页）</source>
        <translation>All classes (one page per class)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="325"/>
        <source>{grade}（整个年级一页）</source>
        <translation>{grade} (whole grade on one page)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="352"/>
        <source>（作业公示表：只选一天为日公示表，多天为周公示表）</source>
        <translation>(Homework notice: one day gives a daily notice, several days a weekly notice)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="353"/>
        <source>时段：{label}</source>
        <translation>Period: {label}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="365"/>
        <source>正在生成预览……</source>
        <translation>Generating preview…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="415"/>
        <source>作业公示表中有学校自定数值尚未确认；点“打印预览”或“另存为 PDF”时确认后即可生成。</source>
        <translation>The homework notice has school-set values that are not confirmed yet; click “Print preview” or “Save as PDF” to confirm them and generate it.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="423"/>
        <source>正在生成……</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="439"/>
        <source>已生成 {title}，共 {pages} 页</source>
        <translation>Generated {title}: {pages} pages</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="448"/>
        <source>生成报表</source>
        <translation>Generating report</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="484"/>
        <source>未生成：作业公示表中的学校自定数值尚未确认。</source>
        <translation>Not generated: the school-set values on the homework notice are not confirmed yet.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="519"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="519"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="532"/>
        <source>已保存：{path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports.py" line="551"/>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../ui/pages/reading.py" line="595"/>
        <source>评议《{title}》</source>
        <translation>Review “{title}”</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="602"/>
        <source>如：语文教研组 王老师、李老师</source>
        <translation>e.g. Chinese department: Ms Wang, Mr Li</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="613"/>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="615"/>
        <source>评议日期</source>
        <translation>Review date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="616"/>
        <source>评议人</source>
        <translation>Reviewers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="617"/>
        <source>适用年级</source>
        <translation>Suitable grades</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="622"/>
        <source>负面清单（{source}）：逐条判断，存在该问题的请勾选</source>
        <translation>Negative list ({source}): check each item and tick any problem found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="648"/>
        <source>评议意见</source>
        <translation>Review comments</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="659"/>
        <source>× 存在负面清单第 {items} 条问题：不能推荐，须处置</source>
        <translation>× Fails negative list item(s) {items}: cannot be recommended, must be dealt with</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="662"/>
        <source>✓ 12 条均不存在：可进入确认</source>
        <translation>✓ None of the 12 items apply: can go on to confirmation</translation>
    </message>
</context>
<context>
    <name>RolloverDialog</name>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="46"/>
        <location filename="../../ui/widgets/rollover.py" line="174"/>
        <source>学年升级</source>
        <translation>School-year rollover</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="51"/>
        <source>各班升一个年级（四年级(2)班 → 五年级(2)班），毕业班归档，新建起始年级班级。历史记录保留当时的年级和班名。</source>
        <translation>Every class moves up a grade (Grade 4 Class 2 → Grade 5 Class 2), graduating classes are archived, new first-year classes are created. History keeps the grade and class name it had at the time.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="60"/>
        <source>新学年</source>
        <translation>New school year</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="61"/>
        <source>按班级数新建</source>
        <translation>Create by number of classes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="62"/>
        <source>按新生名册新建</source>
        <translation>Create from a new students&apos; roster</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="66"/>
        <source>选择名册…</source>
        <translation>Choose roster…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="67"/>
        <source>（未选择）</source>
        <translation>(none chosen)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="81"/>
        <source>起始年级班级</source>
        <translation>First-year classes</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="82"/>
        <source>随班保留</source>
        <translation>Keep with their class</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="83"/>
        <source>全部清空</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="91"/>
        <source>班主任和任课教师</source>
        <translation>Head teachers and subject teachers</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="97"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="101"/>
        <source>先点“预览”，查看升级会做什么（不写入任何数据）。</source>
        <translation>Click &quot;Preview&quot; first to see what the rollover will do (nothing is written).</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="104"/>
        <source>升级</source>
        <translation>Roll over</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="132"/>
        <source>选择新生名册</source>
        <translation>Choose the new students&apos; roster</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="132"/>
        <source>名册 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
        <translation>Rosters (*.xlsx *.xls *.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="153"/>
        <source>请先选择新生名册，或改为按班级数新建。</source>
        <translation>Choose the new students&apos; roster first, or create by number of classes.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="158"/>
        <source>正在预览学年升级……</source>
        <translation>Previewing the rollover…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="175"/>
        <source>确定升级到 {year} 学年吗？升级前会自动备份。</source>
        <translation>Roll over to the {year} school year? A backup is made first.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/rollover.py" line="182"/>
        <source>正在升级……</source>
        <translation>Rolling over…</translation>
    </message>
</context>
<context>
    <name>ScreeningDialog</name>
    <message>
        <location filename="../../ui/pages/activity.py" line="331"/>
        <source>登记视力监测</source>
        <translation>Log vision screening</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="338"/>
        <source>监测日期</source>
        <translation>Screening date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="339"/>
        <source>监测人数</source>
        <translation>Students screened</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="340"/>
        <source>每学期不少于 2 次视力监测。</source>
        <translation>At least 2 vision screenings per term.</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <location filename="../../ui/pages/setup.py" line="87"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="88"/>
        <location filename="../../ui/pages/setup.py" line="141"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="120"/>
        <source>此项不能为空。</source>
        <translation>This field cannot be empty.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="141"/>
        <source>确定删除“{what}”吗？</source>
        <translation>Delete “{what}”?</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../ui/language.py" line="23"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/settings.py" line="76"/>
        <source>设置“{title}”的值无法读取（{what}），请在“设置”中重新设置。</source>
        <translation>The setting “{title}” cannot be read ({what}); set it again under Settings.</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/settings.py" line="126"/>
        <location filename="../../fivemgmt/settings.py" line="185"/>
        <source>“{title}”不能设为 {value}。</source>
        <translation>“{title}” cannot be set to {value}.</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/settings.py" line="162"/>
        <source>无法读取用户设置文件 {path}：{error}</source>
        <translation>Cannot read the user settings file {path}: {error}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/settings.py" line="170"/>
        <source>用户设置文件 {path} 已损坏，无法读取；请在“设置”中重新设置（会重写该文件）。</source>
        <translation>The user settings file {path} is damaged and cannot be read; choose again under Settings (this rewrites the file).</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/school.py" line="33"/>
        <source>初中年级写法</source>
        <translation>Junior grade names</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/vision.py" line="35"/>
        <source>视力不良阈值</source>
        <translation>Poor-vision threshold</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/fitness/store.py" line="61"/>
        <source>五四制</source>
        <translation>Five-four system (五四制)</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <location filename="../../ui/pages/setup.py" line="161"/>
        <source>学校设置</source>
        <translation>School set-up</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="165"/>
        <source>只有管理员可以修改学校设置；这里只供查看。</source>
        <translation>Only an administrator can change the school set-up; this view is read-only.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="169"/>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="170"/>
        <source>学期与校历</source>
        <translation>Terms &amp; calendar</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="171"/>
        <location filename="../../ui/pages/setup.py" line="414"/>
        <location filename="../../ui/pages/setup.py" line="416"/>
        <location filename="../../ui/pages/setup.py" line="528"/>
        <location filename="../../ui/pages/setup.py" line="550"/>
        <location filename="../../ui/pages/setup.py" line="578"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="172"/>
        <location filename="../../ui/pages/setup.py" line="477"/>
        <location filename="../../ui/pages/setup.py" line="529"/>
        <location filename="../../ui/pages/setup.py" line="551"/>
        <source>学科</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="173"/>
        <source>教师与任课</source>
        <translation>Teachers &amp; teaching</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="174"/>
        <location filename="../../ui/pages/setup.py" line="596"/>
        <source>学生</source>
        <translation>Students</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="175"/>
        <source>规则覆盖</source>
        <translation>Rule overrides</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="176"/>
        <source>偏好设置</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="219"/>
        <source>保存学校信息</source>
        <translation>Save school</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="221"/>
        <source>学校名称</source>
        <translation>School name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="222"/>
        <source>学段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="223"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="255"/>
        <location filename="../../ui/pages/setup.py" line="258"/>
        <source>学期</source>
        <translation>Term</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="257"/>
        <source>学年</source>
        <translation>School year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="259"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="260"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="290"/>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="290"/>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="290"/>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="290"/>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="290"/>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="292"/>
        <source>节假日与调休（周一至周五放假、周末调休上课的日子）</source>
        <translation>Holidays &amp; swapped days (weekdays off, and weekend days with make-up classes)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="294"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="296"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="303"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="305"/>
        <source>调休按哪天课表</source>
        <translation>Follows timetable of</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="316"/>
        <source>学校录入</source>
        <translation>Entered by the school</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="326"/>
        <source>按国务院节假日安排填入…</source>
        <translation>Fill in national holidays…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="329"/>
        <source>把所选学期（未选时为当前学期）内的法定节假日和周末调休上课日填入校历；已有的条目保持不变。</source>
        <translation>Adds the public holidays and weekend make-up school days of the selected term (else the current term) to the calendar; existing entries are kept as they are.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="358"/>
        <source>请先在“学期”中添加学期，再填入节假日。</source>
        <translation>Add a term under &quot;Terms&quot; first, then fill in the holidays.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="369"/>
        <source>{term}（{start}–{end}）：{summary}</source>
        <translation>{term} ({start}–{end}): {summary}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="381"/>
        <source>寒暑假：学期之外的日子都按假期计（请录入上下两个学期以显示寒暑假）。</source>
        <translation>Vacations: every day outside a term counts as vacation (enter both terms to see the winter and summer vacations).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="385"/>
        <source>寒暑假（两学期之间的日子）：{spans}</source>
        <translation>Vacations (the days between terms): {spans}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="418"/>
        <source>班主任</source>
        <translation>Class teacher</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="420"/>
        <source>学生数</source>
        <translation>Students</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="428"/>
        <source>学年升级…</source>
        <translation>School-year rollover…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="430"/>
        <source>各班升一个年级，毕业班归档，新建起始年级班级（先预览，升级前自动备份）</source>
        <translation>Every class moves up a grade, graduating classes are archived, new first-year classes are created (previewed first, backed up before)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="444"/>
        <source>请先在列表中选择一名学生。</source>
        <translation>Select a student in the list first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="453"/>
        <source>添加班级</source>
        <translation>Add class</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="456"/>
        <source>年级（1–12，七年级=7）</source>
        <translation>Grade (1–12; Grade 7 = 7)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="457"/>
        <source>班号</source>
        <translation>Class no.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="475"/>
        <source>学科（年级范围内的班级在作业登记时自动补全）</source>
        <translation>Subjects (offered automatically in the homework register for classes in the grade range)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="479"/>
        <source>排序</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="482"/>
        <source>起始年级</source>
        <translation>From grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="491"/>
        <source>结束年级</source>
        <translation>To grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="514"/>
        <location filename="../../ui/pages/setup.py" line="530"/>
        <location filename="../../ui/pages/setup.py" line="552"/>
        <source>教师</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="516"/>
        <location filename="../../ui/pages/setup.py" line="598"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="517"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="526"/>
        <source>任课（谁在哪个班教什么）</source>
        <translation>Teaching (who teaches what in which class)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="542"/>
        <source>添加任课</source>
        <translation>Add teaching</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="582"/>
        <source>导入名册…</source>
        <translation>Import roster…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="585"/>
        <source>从 Excel (xlsx) 或 CSV 导入，表头至少包括 班级、姓名、性别、学籍号（学籍号列请设为文本）；学号（班内学号）可选</source>
        <translation>Import from Excel (xlsx) or CSV; the header row must include at least 班级 (class), 姓名 (name), 性别 (sex) and 学籍号 (student ID) (format the student ID column as text); 学号 (number in class) is optional</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="599"/>
        <source>学号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="614"/>
        <source>学籍变动…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="615"/>
        <source>转班或转出，带日期：班级的统计从该日起按新的名单计算</source>
        <translation>Move to another class or leave the school, dated: the class&apos;s figures use the new list from that day on</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="660"/>
        <source>新增 {new} 名，修改 {changed} 名（其中移班 {moved} 名、改名 {renamed} 名），不变 {unchanged} 名；文件未列出的本班学生 {absent} 名（保留不动）。</source>
        <translation>{new} new, {changed} changed ({moved} moving class, {renamed} renamed), {unchanged} unchanged; {absent} students of these classes not in the file (kept as they are).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="689"/>
        <source>学校设置（管理员、校长可改，全校适用）</source>
        <translation>School settings (set by the administrator or principal, for the whole school)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="697"/>
        <source>五四制（六至九年级为初一至初四，体质测试上报年级编号 21–24）</source>
        <translation>Five-four system (grades 6–9 are junior 1–4; fitness upload grade codes 21–24)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="702"/>
        <source>初中年级写法</source>
        <translation>Junior grade names</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="703"/>
        <source>学制</source>
        <translation>School system</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="709"/>
        <source>偏好设置（本机本用户）</source>
        <translation>Preferences (this computer user only)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="712"/>
        <source>跟随系统</source>
        <translation>As the system</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="718"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="747"/>
        <source>界面语言在下次启动本软件时生效。</source>
        <translation>The interface language applies the next time the app starts.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="749"/>
        <source>现在由环境变量 {name}={value} 决定，该变量优先于这里的选择。</source>
        <translation>It is set now by the environment variable {name}={value}, which takes precedence over this choice.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="815"/>
        <source>规则覆盖：填写“学校值”和“覆盖依据”后，学校的值自“起用日期”起代替规则文件的值（用到处会注明）；修改学校值即从今天起施行新值，此前各周仍按原值；清空学校值即从今天起恢复规定值</source>
        <translation>Rule overrides: once “School value” and “Grounds for override” are filled in, the school&apos;s value replaces the rule file&apos;s value from the “Effective from” date (noted wherever it is used); changing the school value applies the new value from today, while earlier weeks keep the old one; clearing the school value restores the standard value from today</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="600"/>
        <source>学籍号</source>
        <translation>Student ID</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="602"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="604"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="637"/>
        <source>选择学生名册</source>
        <translation>Choose student roster</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="637"/>
        <source>名册 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
        <translation>Rosters (*.xlsx *.xls *.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="645"/>
        <source>正在检查名册……</source>
        <translation>Checking roster…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="653"/>
        <location filename="../../ui/pages/setup.py" line="671"/>
        <source>导入名册</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="678"/>
        <source>正在导入名册……</source>
        <translation>Importing roster…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="819"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="820"/>
        <source>年级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="821"/>
        <source>规定值</source>
        <translation>Standard value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="822"/>
        <source>学校值</source>
        <translation>School value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="823"/>
        <source>覆盖依据</source>
        <translation>Grounds for override</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="825"/>
        <source>起用日期</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <location filename="../../ui/pages/setup.py" line="316"/>
        <location filename="../../ui/pages/setup.py" line="831"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
</context>
<context>
    <name>SleepModel</name>
    <message>
        <location filename="../../ui/models/sleep.py" line="47"/>
        <source>学籍号</source>
        <translation>Student ID</translation>
    </message>
    <message>
        <location filename="../../ui/models/sleep.py" line="48"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/models/sleep.py" line="50"/>
        <source>就寝时间</source>
        <translation>Bedtime</translation>
    </message>
    <message>
        <location filename="../../ui/models/sleep.py" line="55"/>
        <source>如 21:10 或 2110；清空就寝和起床时间即删除该生当天记录</source>
        <translation>e.g. 21:10 or 2110; clear both bedtime and wake-up time to delete the student&apos;s record for the day</translation>
    </message>
    <message>
        <location filename="../../ui/models/sleep.py" line="60"/>
        <source>起床时间</source>
        <translation>Wake-up time</translation>
    </message>
    <message>
        <location filename="../../ui/models/sleep.py" line="67"/>
        <source>睡眠(小时)</source>
        <translation>Sleep (hours)</translation>
    </message>
    <message>
        <location filename="../../ui/models/sleep.py" line="70"/>
        <source>由就寝和起床时间算出（跨午夜）</source>
        <translation>Calculated from bedtime and wake-up time (across midnight)</translation>
    </message>
    <message>
        <location filename="../../ui/models/sleep.py" line="73"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/models/sleep.py" line="81"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/models/sleep.py" line="83"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>SleepPage</name>
    <message>
        <location filename="../../ui/pages/sleep.py" line="50"/>
        <location filename="../../ui/pages/sleep.py" line="55"/>
        <source>睡眠管理</source>
        <translation>Sleep management</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="60"/>
        <source>抽查登记</source>
        <translation>Spot-check log</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="61"/>
        <source>班级与年级结果</source>
        <translation>Class &amp; grade results</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="62"/>
        <source>月度睡眠监测</source>
        <translation>Monthly sleep monitoring</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="63"/>
        <source>作息时间</source>
        <translation>School hours</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="64"/>
        <source>导入问卷…</source>
        <translation>Import questionnaire…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="66"/>
        <source>导入问卷星等在线问卷导出的 Excel；首次导入时对应一次列，以后自动记住</source>
        <translation>Import an Excel export from an online survey such as Wenjuanxing; match the columns on the first import and they are remembered after that</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="68"/>
        <source>导入登记表…</source>
        <translation>Import log sheet…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="70"/>
        <source>导入睡眠登记表（Excel/CSV），列：{columns}；先检查，全部无误才写入</source>
        <translation>Import a sleep log sheet (Excel/CSV), columns: {columns}; it is checked first and only written if everything is correct</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="85"/>
        <source>新记录来源</source>
        <translation>Source for new records</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="104"/>
        <source>输入就寝时间 Enter 起床时间 Enter 到下一名学生（如 2110、0650）· 每格修改立即保存 · 清空两个时间即删除该生当天记录</source>
        <translation>Type bedtime, Enter, wake-up time, Enter to move to the next student (e.g. 2110, 0650) · every cell is saved at once · clear both times to delete the student&apos;s record for the day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="122"/>
        <source>需跟进的学生（多次睡眠不足或晚睡，本学期）</source>
        <translation>Students needing follow-up (repeatedly short of sleep or late to bed, this term)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="142"/>
        <source>填写本学期作息（校长/教导处）</source>
        <translation>Enter this term&apos;s school hours (principal / academic office)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="147"/>
        <source>要求学生提前到校参加统一的教育教学活动</source>
        <translation>Students are required to arrive early for organised school activities</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="152"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="153"/>
        <source>保存作息</source>
        <translation>Save school hours</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="154"/>
        <location filename="../../ui/pages/sleep.py" line="282"/>
        <source>学段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="155"/>
        <source>上午第一节课</source>
        <translation>First morning lesson</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="157"/>
        <source>提前到校说明</source>
        <translation>Early arrival notes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="158"/>
        <source>午休时间</source>
        <translation>Midday rest</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="164"/>
        <source>告知家长保证学生按时就寝（本学期）</source>
        <translation>Parents told to make sure students go to bed on time (this term)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="168"/>
        <source>例如 家长会、告家长书、班级群通知</source>
        <translation>e.g. parents&apos; meeting, letter to parents, class group message</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="170"/>
        <source>保存告知记录</source>
        <translation>Save notice record</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="171"/>
        <source>告知日期</source>
        <translation>Date informed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="172"/>
        <source>告知方式</source>
        <translation>How informed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="194"/>
        <location filename="../../ui/pages/sleep.py" line="428"/>
        <source>当天已登记 {n}/{total} 人</source>
        <translation>Logged for the day: {n}/{total} students</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="213"/>
        <source>{name}（{start} 至 {end}）：{symbol} {reason}</source>
        <translation>{name} ({start} to {end}): {symbol} {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="221"/>
        <source>
平均睡眠不足（这段时间各晚的平均）：{names}</source>
        <translation>
Short of sleep on average over these nights: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="229"/>
        <source>{grade}全年级：{symbol} {reason}</source>
        <translation>{grade}, whole grade: {symbol} {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="241"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="241"/>
        <source>睡眠不足次数</source>
        <translation>Times short of sleep</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="241"/>
        <source>晚睡次数</source>
        <translation>Times late to bed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="241"/>
        <source>最近</source>
        <translation>Latest</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="241"/>
        <source>记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="251"/>
        <source>{year}年{month}月：{done}/{total} 个班已开展睡眠抽查（双击班级查看）</source>
        <translation>{year}-{month}: {done}/{total} classes have done a sleep spot check (double-click a class to view)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="267"/>
        <source>班级</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="267"/>
        <location filename="../../ui/pages/sleep.py" line="282"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="267"/>
        <source>抽查人数</source>
        <translation>Students checked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="267"/>
        <source>抽查日期</source>
        <translation>Check date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="267"/>
        <location filename="../../ui/pages/sleep.py" line="282"/>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="282"/>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="316"/>
        <source>本学期尚未登记告知家长的记录</source>
        <translation>No record of informing parents this term yet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="321"/>
        <source>{date} 已告知家长（{how}）</source>
        <translation>Parents informed on {date} ({how})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="327"/>
        <location filename="../../ui/pages/sleep.py" line="357"/>
        <source>还没有学期：请先在“设置”中添加学期。</source>
        <translation>No terms yet: add a term under Set-up first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="382"/>
        <source>当天 {n} 人 · 中位数 {median} · 最晚 {latest} 就寝</source>
        <translation>{n} students that day · median {median} · latest bedtime {latest}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="391"/>
        <source>抽查 {n} 人</source>
        <translation>{n} checked</translation>
    </message>
    <message>
        <source>当天无睡眠记录（睡眠按月抽查）</source>
        <translation type="vanished">No sleep records for the day (sleep is spot-checked monthly)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="406"/>
        <source>请确认时间</source>
        <translation>Please confirm the times</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="407"/>
        <source>{name}：{doubts}。
确定按此保存吗？</source>
        <translation>{name}: {doubts}.
Save it as entered?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="441"/>
        <source>导入睡眠登记表</source>
        <translation>Import sleep log sheet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sleep.py" line="448"/>
        <source>选择问卷导出文件</source>
        <translation>Choose questionnaire export file</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../fivemgmt/rules.py" line="71"/>
        <source>达标</source>
        <translation>Met</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="72"/>
        <source>预警</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="73"/>
        <source>超标</source>
        <translation>Over limit</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="74"/>
        <source>未达标</source>
        <translation>Not met</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="75"/>
        <source>违规</source>
        <translation>Violation</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="76"/>
        <source>待审</source>
        <translation>Pending review</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="77"/>
        <source>未登记</source>
        <translation>Not logged</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="78"/>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../ui/pages/reading.py" line="576"/>
        <source>图书</source>
        <translation>Book</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="580"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="581"/>
        <source>负责人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reading.py" line="582"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
</context>
<context>
    <name>TimetableDialog</name>
    <message>
        <location filename="../../ui/pages/activity.py" line="301"/>
        <source>{name} 体育课表</source>
        <translation>{name} PE timetable</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="308"/>
        <source> 节</source>
        <translation> lessons</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="312"/>
        <source>每周合计</source>
        <translation>Weekly total</translation>
    </message>
    <message>
        <location filename="../../ui/pages/activity.py" line="320"/>
        <source>{n} 节</source>
        <translation>{n} lessons</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="47"/>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="48"/>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="49"/>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="50"/>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="51"/>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="52"/>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="53"/>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="679"/>
        <source>课表</source>
        <translation>Timetable</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="682"/>
        <source>每天的学科按上课顺序填写，用顿号或空格隔开（如：语文、数学、英语、体育）。</source>
        <translation>Type each day&apos;s subjects in lesson order, separated by 、 or spaces (e.g. 语文、数学、英语、体育).</translation>
    </message>
</context>
<context>
    <name>Unit</name>
    <message>
        <location filename="../../fivemgmt/rules.py" line="387"/>
        <source>分钟</source>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="388"/>
        <source>天</source>
        <translation>days</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="389"/>
        <source>小时</source>
        <translation>hours</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="390"/>
        <source>次</source>
        <translation>times</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="391"/>
        <source>节</source>
        <translation>lessons</translation>
    </message>
</context>
<context>
    <name>UnloggedClassesDialog</name>
    <message>
        <location filename="../../ui/pages/homework.py" line="577"/>
        <source>未登记作业的班级</source>
        <translation>Classes without homework logged</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="588"/>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="589"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="591"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="601"/>
        <source>双击班级打开其第一个未登记日的作业登记。</source>
        <translation>Double-click a class to open its homework register on the first day not logged.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="630"/>
        <source>起始日期晚于结束日期。</source>
        <translation>The start date is after the end date.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="636"/>
        <source>（今天）</source>
        <translation> (today)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="639"/>
        <source>{name}&#x3000;班主任 {teacher}&#x3000;缺 {count} 天：{days}</source>
        <translation>{name}   Class teacher {teacher}   {count} days missing: {days}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="641"/>
        <source>未设置</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="655"/>
        <source>{span} 共 {count} 个班级有未登记作业的上课日：</source>
        <translation>{span}: {count} classes have school days without homework logged:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="660"/>
        <source>{span} 所有班级每个上课日都已登记作业。</source>
        <translation>{span}: every class has homework logged for every school day.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/homework.py" line="651"/>
        <source>{day} 是{kind}，不需要登记作业。</source>
        <translation>{day} is a {kind}; no homework log is needed.</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../fivemgmt/rules.py" line="134"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="146"/>
        <source>无适用规则</source>
        <translation>No rule applies</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="360"/>
        <source>{what} {amount} {unit}，超过上限 {limit} {unit}</source>
        <translation>{what} {amount} {unit}, over the limit of {limit} {unit}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="363"/>
        <source>{what} {amount} {unit}，接近上限 {limit} {unit}</source>
        <translation>{what} {amount} {unit}, close to the limit of {limit} {unit}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="365"/>
        <source>{what} {amount} {unit}，未超过上限 {limit} {unit}</source>
        <translation>{what} {amount} {unit}, within the limit of {limit} {unit}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="379"/>
        <source>{what} {amount} {unit}，达到要求 {limit} {unit}</source>
        <translation>{what} {amount} {unit}, meets the required {limit} {unit}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/rules.py" line="381"/>
        <source>{what} {amount} {unit}，低于要求 {limit} {unit}</source>
        <translation>{what} {amount} {unit}, below the required {limit} {unit}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="164"/>
        <source>日均上限按每个上课日单独判定</source>
        <translation>The daily limit is judged on each school day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="166"/>
        <source>日均上限按本周已登记上课日的平均判定，单日超过上限为预警</source>
        <translation>The daily limit is judged on the average of this week&apos;s logged school days; a single day over is a warning</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="168"/>
        <source>平均范围依据：{source}</source>
        <translation>averaging set by: {source}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="187"/>
        <source>{grade}不布置书面家庭作业（必做、选做均不布置），{when}登记书面作业 {minutes} 分钟</source>
        <translation>Grade {number} may not be given written homework (neither required nor optional); {minutes} min of written homework logged {when}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="201"/>
        <source>无书面家庭作业</source>
        <translation>No written homework</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="210"/>
        <source>书面作业</source>
        <translation>Written homework</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="222"/>
        <source>当天</source>
        <translation>that day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="236"/>
        <source>休息日书面作业合计</source>
        <translation>Written homework on rest days in total</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="237"/>
        <source>休息日</source>
        <translation>on rest days</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="413"/>
        <source>当天未登记作业</source>
        <translation>No homework logged that day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="522"/>
        <location filename="../../fivemgmt/areas/daily.py" line="321"/>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="415"/>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="359"/>
        <source>尚未到该日</source>
        <translation>This day has not come yet</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="409"/>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="558"/>
        <source>作业时长要求</source>
        <translation>The homework time limits</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="422"/>
        <source>另有周末/假期作业 {minutes} 分钟，计入 {date} 起的休息期</source>
        <translation>plus {minutes} min of weekend/holiday homework, counted in the rest period from {date}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/daily.py" line="202"/>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="564"/>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="284"/>
        <source>本周无已到的上课日</source>
        <translation>No school day of this week has come yet</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="567"/>
        <source>本周 {n} 个上课日均未登记作业</source>
        <translation>No homework logged on any of this week&apos;s {n} school days</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="572"/>
        <source>书面作业日均（{n} 个已登记上课日平均）</source>
        <translation>Written homework per day (average of {n} logged school days)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="579"/>
        <source>本周上课日无书面家庭作业</source>
        <translation>No written homework on this week&apos;s school days</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="592"/>
        <source>（共 {n} 天）</source>
        <translation> ({n} days in all)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="603"/>
        <source>{n} 天超过上限（单日超过为预警）</source>
        <translation>over the limit on {n} days (a single day over is a warning)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/daily.py" line="219"/>
        <location filename="../../fivemgmt/areas/homework/checks.py" line="607"/>
        <source>另有 {n} 天未登记</source>
        <translation>{n} more days not logged</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="76"/>
        <source>课表每周体育课</source>
        <translation>PE lessons a week on the timetable</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="92"/>
        <source>体育课被{subject}占用 {n} 节</source>
        <translation>{n} PE lessons taken over by {subject}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="94"/>
        <source>体育课被其他学科占用 {n} 节</source>
        <translation>{n} PE lessons taken over by other subjects</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="103"/>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="322"/>
        <source>大课间</source>
        <translation>Long break activity</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="104"/>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="323"/>
        <source>校内体育活动</source>
        <translation>Physical activity at school</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="105"/>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="324"/>
        <source>眼保健操</source>
        <translation>Eye exercises</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="112"/>
        <source>体育课 {n} 节，</source>
        <translation>PE {n} lessons, </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="113"/>
        <source>大课间 {breaks} 分钟，校内活动 {activity} 分钟，眼保健操 {eyes} 次</source>
        <translation>long break {breaks} min, activity at school {activity} min, eye exercises {eyes} times</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="125"/>
        <source>体育活动要求</source>
        <translation>The physical activity rules</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="171"/>
        <source>未设置学期</source>
        <translation>No term set up</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="173"/>
        <source>本学期视力监测 {done} 次，要求不少于 {required} 次</source>
        <translation>{done} vision screenings this term, at least {required} required</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="187"/>
        <source>，学期结束（{end}）前需补做</source>
        <translation>; to be made up before the term ends ({end})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="191"/>
        <source>，学期内尚可完成</source>
        <translation>; can still be done this term</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="288"/>
        <source>本周 {n} 个上课日均未登记体育活动</source>
        <translation>No physical activity logged on any of this week&apos;s {n} school days</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="299"/>
        <source>体育课被占用 {n} 节</source>
        <translation>{n} PE lessons taken over</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="306"/>
        <source>本周应上体育课 {required} 节，实上 {held} 节（每周要求 {per_week} 节）</source>
        <translation>This week {held} of {required} PE lessons held ({per_week} a week required)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="310"/>
        <source>本周截至目前按课表应上体育课 {required} 节，实上 {held} 节（每周要求 {per_week} 节）</source>
        <translation>So far this week {held} of the {required} PE lessons on the timetable held ({per_week} a week required)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="333"/>
        <source>{n} 天{what}少于 {limit} {unit}（最少 {least}）</source>
        <translation>{what} below {limit} {unit} on {n} days (least {least})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/activity/checks.py" line="351"/>
        <source>体育课 {held}/{required} 节，大课间日均 {breaks} 分钟，校内活动日均 {activity} 分钟，眼保健操每天不少于 {eyes} 次</source>
        <translation>PE {held}/{required} lessons, long break {breaks} min a day, activity at school {activity} min a day, eye exercises at least {eyes} times a day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/base.py" line="272"/>
        <source>{what}自 {date} 起施行，此前不作判定</source>
        <translation>{what} apply from {date}; nothing is judged before</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/base.py" line="275"/>
        <source>{what}对该年级、该日期没有规定，不作判定</source>
        <translation>{what}: no rule for this grade and date; not judged</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="32"/>
        <source>小学</source>
        <translation>Primary</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="33"/>
        <source>初中</source>
        <translation>Junior secondary</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="34"/>
        <source>高中</source>
        <translation>Senior secondary</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="91"/>
        <source>{hours} 小时 {minutes} 分</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="92"/>
        <source>{hours} 小时</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="357"/>
        <source>睡眠 {duration}</source>
        <translation>Sleep {duration}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="359"/>
        <source>睡眠时长</source>
        <translation>Hours of sleep</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="361"/>
        <source>{time} 就寝</source>
        <translation>In bed at {time}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="363"/>
        <source>就寝时间</source>
        <translation>Bedtime</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="366"/>
        <source>{hours}，少于 {required} 小时</source>
        <translation>{hours}, less than {required} hours</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="368"/>
        <source>{hours}，达到 {required} 小时</source>
        <translation>{hours}, at least {required} hours</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="370"/>
        <source>{bed}，晚于 {latest}</source>
        <translation>{bed}, later than {latest}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="372"/>
        <source>{bed}，不晚于 {latest}</source>
        <translation>{bed}, not later than {latest}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/records.py" line="376"/>
        <source>无可判断的数据</source>
        <translation>Nothing that can be judged</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="186"/>
        <source>没有睡眠抽查记录</source>
        <translation>No sleep spot checks</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="190"/>
        <source>抽查 {n} 人</source>
        <translation>{n} students checked</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="193"/>
        <source>睡眠≥{hours}小时</source>
        <translation>sleep ≥ {hours} h</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="194"/>
        <source>{time}前就寝</source>
        <translation>in bed by {time}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="205"/>
        <source>睡眠中位数 {duration}</source>
        <translation>median sleep {duration}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="209"/>
        <source>达标比例低于 {share}（学校设置的未达标线）</source>
        <translation>share meeting the rule below {share} (the school&apos;s not-met line)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="215"/>
        <source>达标比例低于 {share}（学校设置的预警线）</source>
        <translation>share meeting the rule below {share} (the school&apos;s warning line)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="218"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="302"/>
        <source>作息时间要求</source>
        <translation>The school-hours rule</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="309"/>
        <source>未填写{stage}上午第一节课时间</source>
        <translation>{stage}: time of the first morning lesson not entered</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="313"/>
        <source>{stage}上午 {time} 上课，早于 {earliest}</source>
        <translation>{stage}: first lesson at {time}, earlier than {earliest}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="317"/>
        <source>{stage}要求学生提前到校参加统一活动（{note}）</source>
        <translation>{stage}: students are required to arrive early for organised activities ({note})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="319"/>
        <source>{stage}要求学生提前到校参加统一活动</source>
        <translation>{stage}: students are required to arrive early for organised activities</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="324"/>
        <source>{stage}上午 {time} 上课，不早于 {earliest}，不要求提前到校，午休 {rest} 分钟</source>
        <translation>{stage}: first lesson at {time}, not earlier than {earliest}, no early arrival required, midday rest {rest} min</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="328"/>
        <source>{stage}上午 {time} 上课，不早于 {earliest}，不要求提前到校</source>
        <translation>{stage}: first lesson at {time}, not earlier than {earliest}, no early arrival required</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="384"/>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="117"/>
        <source>等</source>
        <translation> and more</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="386"/>
        <source>本月已抽查 {n} 次（{dates}），{sampled}/{size} 人</source>
        <translation>Checked {n} times this month ({dates}), {sampled}/{size} students</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="392"/>
        <source>{month}月已抽查 {n} 次，要求 {needed} 次</source>
        <translation>Month {month}: checked {n} times, {needed} required</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="394"/>
        <source>{month}月尚未开展睡眠抽查</source>
        <translation>Month {month}: no sleep spot check yet</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="399"/>
        <source>{month}月睡眠抽查 {n} 次，少于要求的 {needed} 次</source>
        <translation>Month {month}: {n} sleep spot checks, fewer than the {needed} required</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="525"/>
        <source>当天无睡眠记录（睡眠按月抽查）</source>
        <translation>No sleep records that day (sleep is sampled monthly)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="460"/>
        <source>睡眠管理要求</source>
        <translation>The sleep rules</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="538"/>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="276"/>
        <source>尚未到该周</source>
        <translation>This week has not come yet</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="554"/>
        <source>本周及近一个月（{start} 至 {end}）均无睡眠抽查记录</source>
        <translation>No sleep spot checks this week or in the last month ({start} to {end})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="560"/>
        <source>本周未抽查，按近一个月的抽查（{dates}）：{reason}</source>
        <translation>No spot check this week; judged on the last month&apos;s ({dates}): {reason}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="568"/>
        <source>作息：{reason}</source>
        <translation>School hours: {reason}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/sleep/checks.py" line="612"/>
        <source>（当天无抽查记录，以上为本周判定）</source>
        <translation> (no spot check that day; the above is the week&apos;s verdict)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="72"/>
        <source>当天未开展课后服务</source>
        <translation>No after-school service that day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="77"/>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="107"/>
        <source>课后服务</source>
        <translation>After-school service</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="83"/>
        <source>未填写结束时间</source>
        <translation>End time not filled in</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="88"/>
        <source>{end} 结束，早于当地下班时间 {work}</source>
        <translation>ended at {end}, before the local end of work {work}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="96"/>
        <source>开展 {minutes} 分钟，{end} 结束</source>
        <translation>{minutes} min, ended at {end}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="103"/>
        <source>课后服务要求</source>
        <translation>The after-school service rules</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="166"/>
        <source>本周 {n} 个上课日均未登记课后服务</source>
        <translation>No after-school service logged on any of this week&apos;s {n} school days</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="173"/>
        <source>开展 {held} 天，{missed} 个上课日未开展（要求每周 {per_week} 天、每个上课日均开展）</source>
        <translation>Held on {held} days, not held on {missed} school days ({per_week} days a week required, every school day)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="183"/>
        <source>{n} 天不足 {minimum} 分钟（最少 {least} 分钟）</source>
        <translation>shorter than {minimum} min on {n} days (least {least} min)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="190"/>
        <source>{n} 天结束早于当地下班时间 {end}</source>
        <translation>ended before the local end of work {end} on {n} days</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="197"/>
        <source>开展 {held} 天，日均 {minutes} 分钟，均不早于 {end} 结束</source>
        <translation>Held on {held} days, {minutes} min a day on average, never ending before {end}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/afterschool/checks.py" line="200"/>
        <source>（本周未结束）</source>
        <translation> (the week is not over)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/daily.py" line="316"/>
        <source>{day}的{what}记录不计入</source>
        <translation>{what} records on a {day} do not count</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/daily.py" line="323"/>
        <source>当天未登记</source>
        <translation>Not logged that day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/daily.py" line="324"/>
        <source>当天未登记{what}</source>
        <translation>{what} not logged that day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="55"/>
        <source>{n} 本问题读物未处置：{titles}</source>
        <translation>{n} problem books not dealt with: {titles}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="65"/>
        <source>{n} 本在架图书未完成审核（评议、确认）：{titles}</source>
        <translation>{n} books on the shelves not fully reviewed (review, confirmation): {titles}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="80"/>
        <source>{n} 本推荐书目缺少公示或备案：{titles}</source>
        <translation>{n} recommended titles not published or filed: {titles}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="83"/>
        <source>《{title}》缺{steps}</source>
        <translation>《{title}》 missing {steps}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="90"/>
        <source>在架图书均已审核，推荐书目均已公示、备案（依据{source}）</source>
        <translation>All books on the shelves reviewed, recommended titles published and filed (under {source})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="101"/>
        <source>全校：{finding}；本班：{reason}</source>
        <translation>Whole school: {finding}; this class: {reason}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="127"/>
        <source>读物按学期审核，不按日登记</source>
        <translation>Reading is reviewed per term, not logged by day</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="170"/>
        <source>本班图书角没有登记图书（学校图书室的书目见读物目录）</source>
        <translation>No books registered in this class&apos;s reading corner (the school library&apos;s books are in the catalogue)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="177"/>
        <source>问题读物未处置 {n} 本：{titles}</source>
        <translation>Problem books not dealt with: {n}: {titles}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="184"/>
        <source>{n} 本图书未完成审核：{titles}</source>
        <translation>{n} books not fully reviewed: {titles}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="191"/>
        <source>{n} 本图书评议的适用年级不含本年级</source>
        <translation>{n} books were reviewed as not suitable for this grade</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="194"/>
        <source>图书角 {n} 种图书均已审核</source>
        <translation>All {n} titles in the reading corner reviewed</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/reading/checks.py" line="195"/>
        <source>，问题读物已处置</source>
        <translation>, problem books dealt with</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="66"/>
        <source>手机管理制度</source>
        <translation>Phone management rules</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="67"/>
        <source>本学期尚未填写手机管理制度与设施</source>
        <translation>This term&apos;s phone rules and facilities are not filled in yet</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="82"/>
        <source>公用电话：{phone}</source>
        <translation>Public phone: {phone}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="85"/>
        <source>热线：{phone}</source>
        <translation>Hotline: {phone}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="90"/>
        <source>学生手机带入校园申请制度</source>
        <translation>Written application for bringing phones to school</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="92"/>
        <source>已建立书面申请制度</source>
        <translation>Written application system in place</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="93"/>
        <source>未建立书面申请制度</source>
        <translation>No written application system</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="97"/>
        <source>手机不得带入课堂</source>
        <translation>No phones in class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="99"/>
        <source>已规定不得带入课堂</source>
        <translation>Phones banned from class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="100"/>
        <source>未规定不得带入课堂</source>
        <translation>Phones not banned from class</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="104"/>
        <source>手机保管装置</source>
        <translation>Phone storage</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="106"/>
        <source>保管装置：{device}</source>
        <translation>Storage: {device}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="107"/>
        <source>未登记保管装置</source>
        <translation>No phone storage recorded</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="111"/>
        <source>手机保管责任人</source>
        <translation>Phone custodians</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="113"/>
        <source>各班均已指定保管责任人</source>
        <translation>Every class has a custodian</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="114"/>
        <source>{n} 个班未指定保管责任人：{classes}</source>
        <translation>Classes without a custodian ({n}): {classes}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="116"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="122"/>
        <source>校内公用电话/班主任热线</source>
        <translation>Public phone / class teacher hotline</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="125"/>
        <source>未登记校内公用电话或班主任沟通热线</source>
        <translation>No public phone or class teacher hotline recorded</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="129"/>
        <source>不得用手机布置或完成作业</source>
        <translation>No homework set or done on phones</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="131"/>
        <source>已规定不得用手机布置或完成作业</source>
        <translation>Homework on phones ruled out</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="132"/>
        <source>未规定不得用手机布置或完成作业</source>
        <translation>Homework on phones not ruled out</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="136"/>
        <source>合理使用手机的教育引导</source>
        <translation>Guidance on sensible phone use</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="139"/>
        <source>未登记教育引导措施</source>
        <translation>No guidance measures recorded</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="143"/>
        <source>告知家长</source>
        <translation>Parents informed</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="145"/>
        <source>{date} 已告知家长</source>
        <translation>Parents informed on {date}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="146"/>
        <source>未登记告知家长的日期</source>
        <translation>No date recorded for informing parents</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="256"/>
        <source>违规带入手机 {n} 人次（{names}）</source>
        <translation>Phones brought in against the rules {n} times ({names})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="259"/>
        <source>{name}本学期违规 {count} 次，达到 {threshold} 次，需升级处理</source>
        <translation>{name}: {count} violations this term, reaching {threshold}: to be escalated</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="263"/>
        <source>{name}本学期违规 {count} 次已达升级处理，尚未登记与家长沟通</source>
        <translation>{name} broke the phone rules {count} times this term and is escalated; no talk with the parents is recorded yet</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="266"/>
        <source>未交手机 {n} 人次</source>
        <translation>Phones not handed in {n} times</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="269"/>
        <source>{n} 个上课日有经批准带手机的学生但未登记保管</source>
        <translation>Custody not logged on {n} school days with students allowed to bring a phone</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="272"/>
        <source>{n} 份申请已过期（{names}）</source>
        <translation>{n} applications expired ({names})</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="280"/>
        <source>本周 {n} 个上课日均未登记手机保管（{approved} 名学生经批准带手机）</source>
        <translation>Phone custody not logged on any of this week&apos;s {n} school days ({approved} students may bring a phone)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="287"/>
        <source>本周未登记手机保管（本班无经批准带手机的学生，也未登记“今日无手机”）</source>
        <translation>Phone custody not logged this week (no student of this class may bring a phone, and no day was confirmed)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="292"/>
        <source>{approved} 名学生经批准带手机，已登记 {days} 个上课日，均按规定交由学校保管</source>
        <translation>{approved} students may bring a phone; {days} school days logged, all phones kept by the school as required</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="296"/>
        <source>无经批准带手机的学生，已登记 {days} 个上课日，均按规定交由学校保管</source>
        <translation>No student may bring a phone; {days} school days logged, all as required</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="298"/>
        <source>升级处理跟进中 {n} 人</source>
        <translation>{n} escalated students being followed up</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="353"/>
        <source>违规带入：{names}</source>
        <translation>Brought in against the rules: {names}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="355"/>
        <source>未交：{names}</source>
        <translation>Not handed in: {names}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="362"/>
        <source>{day}，无需登记</source>
        <translation>{day}: nothing to log</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="364"/>
        <source>当天未登记手机保管（{n} 名学生经批准带手机）</source>
        <translation>Phone custody not logged that day ({n} students may bring a phone)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="366"/>
        <source>当天未登记（本班无经批准带手机的学生，可点“全部已交”确认无人带手机）</source>
        <translation>Not logged that day (no student of this class may bring a phone; click “All handed in (save day)” to confirm nobody brought one)</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="371"/>
        <source>已收 {n} 部，放学未登记归还：{names}</source>
        <translation>{n} phones collected; return after school not logged: {names}</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="374"/>
        <source>已登记：无学生带手机入校</source>
        <translation>Logged: no student brought a phone</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="375"/>
        <source>已登记：经批准 {approved} 人，已交 {handed} 部，均已归还</source>
        <translation>Logged: {approved} students allowed, {handed} phones handed in, all returned</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/checks.py" line="428"/>
        <source>手机管理要求</source>
        <translation>phone management requirements</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/records.py" line="565"/>
        <source>{name}的升级处理已于 {day} 结案。</source>
        <translation>{name}&apos;s escalation was closed on {day}.</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/areas/phone/records.py" line="569"/>
        <source>请先登记与{name}家长的沟通（日期、沟通方式、结果），再结案。</source>
        <translation>First record the talk with {name}&apos;s parents (date, how, outcome), then close the case.</translation>
    </message>
</context>
<context>
    <name>Weekday</name>
    <message>
        <location filename="../../fivemgmt/calendar.py" line="100"/>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/calendar.py" line="101"/>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/calendar.py" line="102"/>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/calendar.py" line="103"/>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/calendar.py" line="104"/>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/calendar.py" line="105"/>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../fivemgmt/calendar.py" line="106"/>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="105"/>
        <source>五项管理台账</source>
        <translation>Five Managements Register</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="113"/>
        <source>界面语言</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="114"/>
        <source>{problem}
本次按系统语言显示。</source>
        <translation>{problem}
The system language is used this time.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="142"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="143"/>
        <source>无法打开学校数据库“{path}”：
{error}</source>
        <translation>Cannot open the school database &quot;{path}&quot;:
{error}</translation>
    </message>
</context>
<context>
    <name>tasks</name>
    <message>
        <location filename="../../ui/tasks.py" line="96"/>
        <source>详情已记录在 {path}。</source>
        <translation>Details are logged in {path}.</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="100"/>
        <source>内部错误（{kind}）：{message}
{note}
请把此信息告诉管理员。</source>
        <translation>Internal error ({kind}): {message}
{note}
Please pass this message on to the administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="119"/>
        <source>出错了</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="124"/>
        <source>提示</source>
        <translation>Notice</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="217"/>
        <source>正在取消……</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="284"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="308"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
