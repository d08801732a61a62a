<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="310"/>
        <source>Responsible &amp;unit</source>
        <translation>责任单位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="311"/>
        <source>Responsible &amp;person</source>
        <translation>责任人(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="321"/>
        <source>New &amp;deadline</source>
        <translation>新的期限(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="321"/>
        <source>&amp;Deadline</source>
        <translation>整改期限(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="325"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="327"/>
        <source>What was &amp;done</source>
        <translation>做了什么(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="327"/>
        <source>&amp;Note (optional)</source>
        <translation>说明（可不填）(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="331"/>
        <source>Photos (after)</source>
        <translation>整改后照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="333"/>
        <source>Only if there is no photo: why not</source>
        <translation>只有没有照片时才填：为什么没有</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="334"/>
        <source>No photo &amp;because</source>
        <translation>没有照片的原因(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="354"/>
        <source>Assign the problem to the unit or person who must fix it, with a deadline.</source>
        <translation>把问题交办给负责整改的单位或个人，并定好整改期限。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="355"/>
        <source>Confirm that your unit received the task and starts the work.</source>
        <translation>确认本单位已收到任务，开始整改。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="356"/>
        <source>Send the task back if it is not your unit&apos;s responsibility. Say why.</source>
        <translation>如果不属于本单位职责，可以退回，请写明原因。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="357"/>
        <source>Tell the office how the work is going. The state does not change.</source>
        <translation>向河长办反馈整改进展，问题状态不变。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="358"/>
        <source>Remind the responsible unit that the problem is waiting.</source>
        <translation>提醒责任单位抓紧整改。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="359"/>
        <source>Give the responsible unit more time. Say why.</source>
        <translation>给责任单位延长整改期限，请写明原因。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="360"/>
        <source>Report the work as done, with at least one photo taken afterwards.</source>
        <translation>报告整改完成，请至少附一张整改后的照片。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="361"/>
        <source>You fixed it on the spot: describe it and add a photo taken afterwards. Someone else will verify it.</source>
        <translation>您已当场处理：请说明处理情况并附整改后照片，之后由其他人核查。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="363"/>
        <source>You checked on site (or on the photos) that the problem is fixed.</source>
        <translation>您已到现场（或看照片）核实问题已整改到位。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="364"/>
        <source>The fix is not good enough: the problem goes back to the responsible unit.</source>
        <translation>整改不到位：问题退回责任单位重新整改。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="365"/>
        <source>Close the verified problem (销号).</source>
        <translation>已核查的问题予以销号。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="366"/>
        <source>Dismiss a duplicate or mistaken report. Say why.</source>
        <translation>重复上报或误报的问题予以作废，请写明原因。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="370"/>
        <source>Current deadline: %1.</source>
        <translation>当前期限：%1。</translation>
    </message>
</context>
<context>
    <name>ChecklistTab</name>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/checklist_tab.py" line="136"/>
        <source>%1 of %2 items not answered yet.</source>
        <translation>还有 %1 项没选（共 %2 项）。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/checklist_tab.py" line="139"/>
        <source>Every item answered.</source>
        <translation>每一项都选好了。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/checklist_tab.py" line="147"/>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/checklist_tab.py" line="148"/>
        <source>Problem</source>
        <translation>有问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/checklist_tab.py" line="149"/>
        <source>Mark all unanswered items Normal</source>
        <translation>未选的检查项全部设为“正常”</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="80"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="96"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="97"/>
        <source>Due</source>
        <translation>待巡</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="98"/>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="118"/>
        <location filename="../../patrol_app/ui/models.py" line="156"/>
        <location filename="../../patrol_app/ui/models.py" line="183"/>
        <location filename="../../patrol_app/ui/pages/home.py" line="105"/>
        <source>Reach</source>
        <translation>河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="119"/>
        <location filename="../../patrol_app/ui/models.py" line="155"/>
        <location filename="../../patrol_app/ui/pages/home.py" line="112"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="120"/>
        <location filename="../../patrol_app/ui/models.py" line="185"/>
        <source>Required</source>
        <translation>应巡</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="121"/>
        <location filename="../../patrol_app/ui/models.py" line="186"/>
        <source>Patrols</source>
        <translation>已巡</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="122"/>
        <location filename="../../patrol_app/ui/models.py" line="187"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="124"/>
        <source>Valid last period</source>
        <translation>上期有效</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="128"/>
        <source>Last patrol</source>
        <translation>上次巡河</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="131"/>
        <location filename="../../patrol_app/ui/pages/home.py" line="110"/>
        <location filename="../../patrol_app/ui/pages/home.py" line="201"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="157"/>
        <source>River / reservoir</source>
        <translation>河流/水库</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="158"/>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="159"/>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="160"/>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="162"/>
        <source>Length (km)</source>
        <translation>长度（公里）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="171"/>
        <source>Demo reach: fictional, its course is approximate, not survey data.</source>
        <translation>示例河段：虚构数据，走向为示意，不是测绘成果。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="184"/>
        <source>Periods so far</source>
        <translation>至今期数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="188"/>
        <source>Periods met</source>
        <translation>达标期数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="189"/>
        <source>Periods missed</source>
        <translation>未达标期数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="190"/>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="200"/>
        <source>Periods of this year that have begun, from the one this profile was made in: periods met + periods missed + in progress.</source>
        <translation>今年已经开始的期数（从建立本档案的那一期算起）：达标期数 + 未达标期数 + 进行中。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="203"/>
        <source>Periods with enough valid patrols (this period too, once it has them).</source>
        <translation>有效巡河次数够了的期数（本期够了也算）。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="205"/>
        <source>Periods that are over without enough valid patrols.</source>
        <translation>已经结束、有效巡河次数不够的期数。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="206"/>
        <source>This period: not over yet and not yet met.</source>
        <translation>本期：还没结束，也还没达标。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="106"/>
        <source>Chief</source>
        <translation>河长</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="107"/>
        <source>Inspections this quarter</source>
        <translation>本季度暗访次数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="108"/>
        <source>Last inspection</source>
        <translation>最近一次暗访</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="111"/>
        <source>Covered</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="111"/>
        <source>Not inspected yet</source>
        <translation>未暗访</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="128"/>
        <source>Owed since %1 (added to the chief&apos;s reaches this quarter)</source>
        <translation>自 %1 起应暗访（本季度新划入该河长的河段）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="196"/>
        <source>Requirement</source>
        <translation>合同要求</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="197"/>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="198"/>
        <source>Days required</source>
        <translation>要求天数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="199"/>
        <source>Days worked</source>
        <translation>已作业天数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="200"/>
        <source>Quantity done / required</source>
        <translation>完成量 / 要求量</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="202"/>
        <source>Met</source>
        <translation>已达标</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="202"/>
        <source>Not met yet</source>
        <translation>未达标</translation>
    </message>
</context>
<context>
    <name>CovertPage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="312"/>
        <source>Open the protected drafts first.</source>
        <translation>请先输入口令打开受保护的草稿。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="330"/>
        <source>The register has no liaison unit named “%1”. Check the unit&apos;s name in Settings, or sync to receive the register.</source>
        <translation>河长名录里没有名为“%1”的对口联系单位。请在设置里核对单位名称，或先同步以收到名录。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="338"/>
        <source>Q%1</source>
        <translation>第%1季度</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/pages/covert.py" line="340"/>
        <source>%n day(s) left</source>
        <translation>
            <numerusform>剩 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="342"/>
        <location filename="../../patrol_app/ui/pages/covert.py" line="402"/>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="343"/>
        <source>over</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="370"/>
        <source>Coverage this year: reaches the unit must inspect × quarters</source>
        <translation>今年的暗访覆盖情况：本单位应暗访的河段 × 季度</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="371"/>
        <source>Covered: a submitted inspection visited the reach in the quarter. Planned: a draft lists it (not counted yet). Uncovered: not inspected yet. Missed: the quarter ended without an inspection. —: not counted in that quarter. Hover over a cell to see which inspection covered it.</source>
        <translation>已覆盖：该季度有已提交的暗访到过这个河段。已计划：草稿里列了它（还不算数）。未覆盖：还没有暗访。漏检：季度结束时仍没有暗访。—：该季度不计算。鼠标停在格子上可看到是哪次暗访覆盖的。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="380"/>
        <source>%1: the register gives the unit no reaches to inspect.</source>
        <translation>%1：名录里本单位没有需要暗访的河段。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="383"/>
        <source>%1: all %2 reach(es) covered.</source>
        <translation>%1：应暗访的 %2 个河段已全部覆盖。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="386"/>
        <source>%1: %2 of %3 reach(es) covered, %4 still to inspect; %5 day(s) left in the quarter (until %6).</source>
        <translation>%1：应暗访 %3 个河段，已覆盖 %2 个，还差 %4 个；本季度还剩 %5 天（截止 %6）。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="405"/>
        <source>Before this profile was made on this laptop: not counted.</source>
        <translation>这台电脑上还没有这个身份时的季度：不计算。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="410"/>
        <source>Not the unit&apos;s to inspect in this quarter.</source>
        <translation>该季度这个河段不归本单位暗访。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="416"/>
        <source>Covered by the inspection of %1 (chief: %2; inspectors: %3)</source>
        <translation>由 %1 的暗访覆盖（被检查河长：%2；检查人员：%3）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="422"/>
        <source>Planned in a draft%1</source>
        <translation>草稿中已计划%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="425"/>
        <source>Owed since %1 (added during the quarter)</source>
        <translation>自 %1 起需要暗访（季度中新增）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="428"/>
        <source>Covered</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="432"/>
        <source>Planned</source>
        <translation>已计划</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="436"/>
        <source>Missed</source>
        <translation>漏检</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="436"/>
        <source>Uncovered</source>
        <translation>未覆盖</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="443"/>
        <source>No inspection of this reach yet in this quarter.</source>
        <translation>本季度还没有暗访过这个河段。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="444"/>
        <source>The quarter ended without an inspection of this reach.</source>
        <translation>这个季度结束时仍没有暗访过这个河段。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="457"/>
        <source>(no date yet)</source>
        <translation>（尚未填写日期）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="461"/>
        <source>Major problem</source>
        <translation>重大问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="473"/>
        <source>Drafts are protected by a passphrase and are not shown.</source>
        <translation>暗访草稿已用口令加密保护，这里不显示。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="475"/>
        <source>No inspection recorded yet: plan one with “New inspection”.</source>
        <translation>还没有暗访记录：点“新建暗访”计划一次。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="529"/>
        <source>Delete the draft?</source>
        <translation>删除这份草稿？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="530"/>
        <source>The draft and its findings are deleted from this laptop. This cannot be undone.</source>
        <translation>草稿和其中记录的问题会从这台电脑上删除，无法恢复。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="531"/>
        <source>Delete the draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="532"/>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="578"/>
        <source>%1 Q%2</source>
        <translation>%1年第%2季度</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="580"/>
        <source>PDF…</source>
        <translation>PDF 文件…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="581"/>
        <source>Excel…</source>
        <translation>Excel 表格…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="589"/>
        <source>%1 %2 Q%3 covert inspections</source>
        <translation>%1%2年第%3季度暗访检查报告</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="591"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="591"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="592"/>
        <source>Save the quarter report</source>
        <translation>保存季度报告</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="596"/>
        <source>Writing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="607"/>
        <source>Report saved: %1</source>
        <translation>报告已保存：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="622"/>
        <source>Covert inspections</source>
        <translation>暗访检查</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="623"/>
        <source>New inspection…</source>
        <translation>新建暗访…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="624"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="625"/>
        <source>Delete draft…</source>
        <translation>删除草稿…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="626"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="627"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="628"/>
        <source>Quarter report</source>
        <translation>季度报告</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="629"/>
        <source>Protect drafts with a passphrase…</source>
        <translation>用口令保护草稿…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="630"/>
        <source>Change the passphrase…</source>
        <translation>更改口令…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="631"/>
        <source>Stop protecting drafts…</source>
        <translation>取消口令保护…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="632"/>
        <source>Forgot the passphrase…</source>
        <translation>忘记口令…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="633"/>
        <source>Close the drafts now</source>
        <translation>现在锁上草稿</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="634"/>
        <source>The unit&apos;s drafts are protected by a passphrase: enter it to see and change them. The coverage below counts submitted inspections only.</source>
        <translation>本单位的暗访草稿已用口令加密保护：输入口令后才能查看和修改。下面的覆盖情况只计算已提交的暗访。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="636"/>
        <source>Enter passphrase…</source>
        <translation>输入口令…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="637"/>
        <source>The unit&apos;s inspections (drafts stay on this laptop until submitted)</source>
        <translation>本单位的暗访记录（草稿提交前只保存在这台电脑上）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="638"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="638"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="638"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="639"/>
        <source>Chief inspected</source>
        <translation>被检查的河长</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="639"/>
        <source>Reaches visited</source>
        <translation>到过的河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="640"/>
        <source>Findings</source>
        <translation>发现问题数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/covert.py" line="640"/>
        <source>Major</source>
        <translation>重大问题</translation>
    </message>
</context>
<context>
    <name>DetailsTab</name>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="210"/>
        <source>Taken from the track.</source>
        <translation>按轨迹计算，不用填。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="214"/>
        <source>“%1” cannot go here: only a number of kilometres, such as 2.5.</source>
        <translation>“%1”填不进去：只能填数字，如 2.5。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="218"/>
        <source>Kilometres, numbers only (such as 2.5).</source>
        <translation>单位公里，只能填数字（如 2.5）。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="224"/>
        <source>&amp;Reach</source>
        <translation>河段(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="224"/>
        <source>&amp;Patroller</source>
        <translation>巡河人(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="224"/>
        <source>For the chief</source>
        <translation>代河长巡河</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="224"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="225"/>
        <source>&amp;End</source>
        <translation>结束(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="225"/>
        <source>&amp;Mode</source>
        <translation>方式(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="225"/>
        <source>&amp;Weather</source>
        <translation>天气(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="225"/>
        <source>&amp;Distance</source>
        <translation>里程(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="225"/>
        <source>&amp;Notes</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="228"/>
        <source>Patrolled on behalf of chief:</source>
        <translation>代以下河长巡河：</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/details_tab.py" line="234"/>
        <source>Only when there is no track: the distance is then taken from the track.</source>
        <translation>只有没有轨迹时才手工填写；有轨迹时按轨迹计算。</translation>
    </message>
</context>
<context>
    <name>EvidenceActions</name>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/actions.py" line="80"/>
        <source>At least two of the patrol&apos;s photos need a GPS position to make a track.</source>
        <translation>至少要有两张带定位的照片才能生成轨迹。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/actions.py" line="105"/>
        <source>No other photos were taken during this patrol.</source>
        <translation>没有其他在这次巡河时段内拍的照片。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/actions.py" line="176"/>
        <source>No problem was reported, so the patrol was not finalised: it is still a draft.</source>
        <translation>问题没有上报，所以记录没有提交，还是草稿。</translation>
    </message>
</context>
<context>
    <name>EvidencePicker</name>
    <message>
        <location filename="../../patrol_app/ui/evidence.py" line="122"/>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/evidence.py" line="123"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/evidence.py" line="144"/>
        <source>Choose photos</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/evidence.py" line="145"/>
        <source>Photos (%1);;All files (*)</source>
        <translation>照片 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/evidence.py" line="163"/>
        <source>Some files were not attached</source>
        <translation>有些文件没有附上</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/evidence.py" line="164"/>
        <source>These files could not be used as photos:</source>
        <translation>以下文件不能作为照片使用：</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/evidence.py" line="174"/>
        <source>Importing photos</source>
        <translation>正在导入照片</translation>
    </message>
</context>
<context>
    <name>EvidenceTab</name>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/evidence_tab.py" line="87"/>
        <source>Double-click to open this problem on the problems page.</source>
        <translation>双击在“问题”页打开这个问题。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/evidence_tab.py" line="99"/>
        <source>Choose photos</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/evidence_tab.py" line="100"/>
        <source>Photos (%1);;All files (*)</source>
        <translation>照片 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/evidence_tab.py" line="124"/>
        <source>A finalised patrol&apos;s photos are part of what was finalised: they cannot change.</source>
        <translation>已提交的记录，照片也一起提交了，不能再增删。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/evidence_tab.py" line="130"/>
        <source>Click a photo above first, then remove it.</source>
        <translation>先点选上面的照片，再移除。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/evidence_tab.py" line="133"/>
        <source>Add photos taken during the patrol (%1)</source>
        <translation>添加巡河时段内拍的照片（%1 张）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/evidence_tab.py" line="135"/>
        <source>Photos of this patrol: %1 (double-click one to see it full size)</source>
        <translation>本次巡河照片：%1 张（双击看大图）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/evidence_tab.py" line="137"/>
        <source>Problems found on this patrol: %1</source>
        <translation>本次巡河发现的问题：%1 个</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/evidence_tab.py" line="142"/>
        <source>Add photo files…</source>
        <translation>添加照片文件…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/evidence_tab.py" line="143"/>
        <source>Remove selected photos</source>
        <translation>移除选中的照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/evidence_tab.py" line="144"/>
        <source>Report a problem found on this patrol…</source>
        <translation>上报本次巡河发现的问题…</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="106"/>
        <source>Finding</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="119"/>
        <source>What did you see? Where exactly? How big?</source>
        <translation>看到了什么？具体在哪里？有多大？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="132"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="133"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="137"/>
        <source>&amp;Reach</source>
        <translation>河段(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="138"/>
        <source>&amp;Category</source>
        <translation>问题类别(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="139"/>
        <source>&amp;Problem</source>
        <translation>具体问题(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="140"/>
        <source>&amp;Description</source>
        <translation>问题描述(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="141"/>
        <source>&amp;Severity</source>
        <translation>严重程度(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="142"/>
        <source>&amp;Urgency</source>
        <translation>紧急程度(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="143"/>
        <source>&amp;Found at</source>
        <translation>发现时间(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="144"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="185"/>
        <source>The photos are still being imported: wait until they show.</source>
        <translation>照片还在导入，请等它们显示出来。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="188"/>
        <source>Tick the reaches visited first: a finding is on one of them.</source>
        <translation>请先勾选到过的河段：问题要记在其中一个河段上。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="192"/>
        <source>Describe the problem: what, where exactly, how big.</source>
        <translation>请描述问题：是什么、具体在哪里、有多大。</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/history_tab.py" line="21"/>
        <source>Not saved yet.</source>
        <translation>尚未保存。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/history_tab.py" line="23"/>
        <source>Created %1</source>
        <translation>创建于 %1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/history_tab.py" line="25"/>
        <source>Finalised %1</source>
        <translation>提交于 %1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/history_tab.py" line="28"/>
        <source>Revision %1 on %2 by %3: %4</source>
        <translation>第 %1 次修改（%2，%3）：%4</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="363"/>
        <source>Counting patrols…</source>
        <translation>正在统计巡河记录…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="382"/>
        <source>Could not count the patrols.</source>
        <translation>未能统计巡河记录。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="452"/>
        <source>Hello, %1</source>
        <translation>%1，您好</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="460"/>
        <source>This period: %1 (%2 – %3), %4 day(s) left</source>
        <translation>本期：%1（%2 至 %3），还剩 %4 天</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="469"/>
        <source>Rule for %1 chiefs: at least %2 patrol(s) per %3; a patrol counts as valid from %4 min and %5 km.</source>
        <translation>%1河长巡河要求：每%3不少于 %2 次；每次不少于 %4 分钟、%5 公里才算有效巡河。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="481"/>
        <source>%1 of your reaches are demo reaches: fictional, with an approximate course. The real register comes from the city river-chief office.</source>
        <translation>您的河段中有 %1 段是示例河段：虚构数据，走向为示意。正式河段名录由市河长办下发。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="491"/>
        <source>The city office assigned %1 new problem(s) to you (arrived %2). Open the task list</source>
        <translation>市河长办交办了 %1 件新问题给您（%2 收到）。点此查看任务清单</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="517"/>
        <source>My reaches in %1: %2 to %3</source>
        <translation>我的河段 %1 年：%2 至 %3</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="516"/>
        <source>My reaches since this profile was made: %2 to %3</source>
        <translation>我的河段（自建立档案起）：%2 至 %3</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="521"/>
        <source>(periods so far = met + missed + in progress)</source>
        <translation>（至今期数 = 达标 + 未达标 + 进行中）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="531"/>
        <source>Open problems (major %1, assigned to me %2)</source>
        <translation>未办结问题（重大 %1 个，交办给我 %2 个）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="537"/>
        <source>Counted at %1. Drafts are not counted until they are finalised.</source>
        <translation>%1 统计。草稿在提交定稿前不计入。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="622"/>
        <source>Covert inspections, %1: the register gives the unit no reaches to inspect.</source>
        <translation>暗访检查，%1：名录里本单位没有需要暗访的河段。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="626"/>
        <source>Covert inspections, %1: all %2 reach(es) covered.</source>
        <translation>暗访检查，%1：应暗访的 %2 个河段已全部覆盖。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="631"/>
        <source> and %1 more</source>
        <translation> 等，另有 %1 个</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="638"/>
        <source>Reminder: only %1 day(s) left in the quarter!</source>
        <translation>提醒：本季度只剩 %1 天了！</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="620"/>
        <source>Open the covert inspections</source>
        <translation>打开暗访检查</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="633"/>
        <source>Covert inspections, %1: %2 reach(es) not inspected yet. Deadline %3, %4 day(s) left.</source>
        <translation>暗访检查，%1：还有 %2 个河段没有暗访，截止 %3，还剩 %4 天。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="636"/>
        <source>Not inspected yet: %1</source>
        <translation>还没有暗访：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="654"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="655"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="500"/>
        <location filename="../../patrol_app/ui/pages/home.py" line="656"/>
        <source>New patrol</source>
        <translation>新建巡河</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="363"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="496"/>
        <source>New covert inspection</source>
        <translation>新建暗访</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="496"/>
        <source>Record a covert inspection (Ctrl+N)</source>
        <translation>记录一次暗访检查（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="498"/>
        <source>New maintenance log</source>
        <translation>新建管护日志</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="498"/>
        <source>Record the day&apos;s maintenance work (Ctrl+N)</source>
        <translation>记录当天的管护作业（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="500"/>
        <location filename="../../patrol_app/ui/pages/home.py" line="657"/>
        <source>Record a patrol (Ctrl+N)</source>
        <translation>记录一次巡河 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="503"/>
        <source>Count again (F5)</source>
        <translation>重新统计（F5）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="551"/>
        <source>This quarter: %1 (%2 – %3), %4 day(s) left</source>
        <translation>本季度：%1（%2 至 %3），还剩 %4 天</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="554"/>
        <source>Rule for liaison units: at least one covert inspection per quarter of every reach of the chief the unit assists — no notice, no escort, straight to the site (四不两直).</source>
        <translation>对口联系单位要求：每季度对所联系河长的每个河段至少暗访一次——不发通知、不打招呼、不用陪同、直奔现场（四不两直）。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="559"/>
        <source>Reaches to inspect this quarter</source>
        <translation>本季度应暗访河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="560"/>
        <source>Covered / required</source>
        <translation>已覆盖 / 应暗访</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="561"/>
        <source>Not inspected yet</source>
        <translation>未暗访</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="562"/>
        <source>Days left in the quarter</source>
        <translation>本季度剩余天数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="564"/>
        <source>Open findings (major %1)</source>
        <translation>暗访发现问题未办结（重大 %1 个）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="566"/>
        <source>Overdue findings (past their deadline)</source>
        <translation>暗访问题超期（已过整改期限）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="574"/>
        <source>Click to see the problems your covert inspections found</source>
        <translation>点击查看本单位暗访发现的问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="575"/>
        <source>Reaches to inspect this quarter (not yet inspected first)</source>
        <translation>本季度应暗访的河段（未暗访的排在前面）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="576"/>
        <source>Counted at %1. Drafts are not counted until they are submitted.</source>
        <translation>%1 统计。草稿在提交前不计入。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="504"/>
        <location filename="../../patrol_app/ui/pages/home.py" line="658"/>
        <source>Count the patrols again (F5)</source>
        <translation>重新统计巡河记录（F5）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="587"/>
        <source>This month: %1 (%2 – %3), %4 day(s) left</source>
        <translation>本月：%1（%2 至 %3），还剩 %4 天</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="590"/>
        <source>Contracts this month: %1</source>
        <translation>本月管护合同：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="591"/>
        <source>No maintenance contract of your unit runs this month: the city office sends contracts with a sync.</source>
        <translation>本单位本月没有在期的管护合同：合同由市河长办下发，同步后就会出现。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="595"/>
        <source>Days worked this month</source>
        <translation>本月作业天数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="596"/>
        <source>Requirements met / all</source>
        <translation>已达标项目 / 全部</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="597"/>
        <source>Maintenance logs this month</source>
        <translation>本月管护日志</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="598"/>
        <source>Before/after photo pairs</source>
        <translation>整改前后照片（组）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="599"/>
        <source>Tasks assigned to us, not finished</source>
        <translation>交办给我们、还没办完的任务</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="600"/>
        <source>Overdue tasks (past their deadline)</source>
        <translation>超期任务（已过整改期限）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="607"/>
        <source>Click to see the tasks assigned to your unit</source>
        <translation>点击查看交办给本单位的任务</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="608"/>
        <source>What the contracts ask this month (not yet met first)</source>
        <translation>本月合同要求完成情况（未达标的排在前面）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="609"/>
        <source>Counted at %1.</source>
        <translation>%1 统计。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="674"/>
        <source>My reaches</source>
        <translation>我的河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="675"/>
        <source>Patrols required this period</source>
        <translation>本期应巡次数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="676"/>
        <source>Valid patrols / required</source>
        <translation>有效巡河 / 应巡</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="678"/>
        <source>Each reach counts at most its required number here: extra patrols of one reach do not make up for another. The table below shows every valid patrol.</source>
        <translation>这里每段河最多计入应巡次数：一段河多巡的不能补另一段河。下表列出全部有效巡河。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="680"/>
        <source>Overdue reaches (last period missed)</source>
        <translation>逾期河段（上期未巡）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="681"/>
        <source>Open problems</source>
        <translation>未办结问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="682"/>
        <source>Overdue problems (past their deadline)</source>
        <translation>超期问题（已过整改期限）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="684"/>
        <source>Click to see these problems</source>
        <translation>点击查看这些问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="664"/>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="664"/>
        <source>This year, period by period</source>
        <translation>今年逐期统计</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="523"/>
        <location filename="../../patrol_app/ui/pages/home.py" line="660"/>
        <source>My reaches this period</source>
        <translation>本期各河段巡河情况</translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="51"/>
        <source>Photo import</source>
        <translation>照片导入</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="57"/>
        <source>The import was cancelled; the photos imported so far are kept.</source>
        <translation>导入已取消，已经导入的照片都保留着。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="59"/>
        <source>The import is finished.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="62"/>
        <source>Imported %1, already in the library %2, skipped %3, failed %4.</source>
        <translation>新导入 %1 张，照片库里已有 %2 张，跳过 %3 个文件，失败 %4 个。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="68"/>
        <source>The computer&apos;s clock is wrong.</source>
        <translation>电脑的时钟不对。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="69"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="69"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="69"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="70"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="70"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>InspectionDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="226"/>
        <source>Covert inspection</source>
        <translation>暗访检查记录</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="480"/>
        <source>(%n photo(s))</source>
        <translation>
            <numerusform>（%n 张照片）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="568"/>
        <source>Choose the route&apos;s track file</source>
        <translation>选择路线轨迹文件</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="569"/>
        <source>Track files (%1);;All files (*)</source>
        <translation>轨迹文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="594"/>
        <source>Reading the track</source>
        <translation>正在读取轨迹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="605"/>
        <source>None (optional: a GPX, KML or NMEA file of the route walked)</source>
        <translation>无（可选：走过路线的 GPX、KML 或 NMEA 文件）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="610"/>
        <source>%1: %2 points, %3 km</source>
        <translation>%1：%2 个点，%3 公里</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="619"/>
        <source>No: a first visit</source>
        <translation>不是，第一次暗访</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="622"/>
        <source>%1 · %2 · %n finding(s)</source>
        <translation>
            <numerusform>%1 · %2 · %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="732"/>
        <source>Submit the inspection?</source>
        <translation>提交这次暗访？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="733"/>
        <source>Submit anyway? Once submitted it cannot be changed, and its findings become problems that sync to the office.</source>
        <translation>仍然提交吗？提交以后不能再修改，发现的问题会成为问题记录，同步到河长办。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="735"/>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="780"/>
        <source>Submit</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="736"/>
        <source>Keep as draft</source>
        <translation>先存为草稿</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="752"/>
        <source>Liaison unit</source>
        <translation>对口联系单位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="753"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="754"/>
        <source>Chief inspected</source>
        <translation>被检查的河长</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="755"/>
        <source>Reaches visited</source>
        <translation>到过的河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="756"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="757"/>
        <source>From / to</source>
        <translation>起止时间</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="758"/>
        <source>Inspectors</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="759"/>
        <source>Names, separated by 、</source>
        <translation>姓名，用“、”分开</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="760"/>
        <source>How</source>
        <translation>检查方式</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="761"/>
        <source>Route track</source>
        <translation>路线轨迹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="762"/>
        <source>Import track…</source>
        <translation>导入轨迹…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="764"/>
        <source>Follow-up of</source>
        <translation>回头看</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="765"/>
        <source>回头看: going back to an earlier inspection to check that its findings were put right</source>
        <translation>回头看：回到之前暗访过的地方，核查当时发现的问题是否已经整改</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="767"/>
        <source>Overall conclusion</source>
        <translation>总体结论</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="768"/>
        <source>What the inspection found overall</source>
        <translation>这次暗访的总体情况</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="769"/>
        <source>Findings (each becomes a problem when submitted)</source>
        <translation>发现的问题（提交后每条都成为一个问题记录）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="770"/>
        <source>Add finding…</source>
        <translation>添加问题…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="771"/>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="763"/>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="772"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="773"/>
        <source>Major problem</source>
        <translation>重大问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="774"/>
        <source>A major problem was found (report it to the responsible chief at once)</source>
        <translation>发现重大问题（须立即向责任河长报告）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="775"/>
        <source>Reported to</source>
        <translation>报告给</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="776"/>
        <source>Reported at</source>
        <translation>报告时间</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="777"/>
        <source>Reported how</source>
        <translation>报告方式</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="778"/>
        <source>e.g. by phone, in writing</source>
        <translation>例如：电话报告、书面报告</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="779"/>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="781"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="782"/>
        <source>Submitted inspections can no longer be changed.</source>
        <translation>已提交的暗访不能再修改。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert.py" line="783"/>
        <source>A draft stays on this laptop: nobody else sees it until it is submitted.</source>
        <translation>草稿只保存在这台电脑上：提交以前别人看不到。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="513"/>
        <source>Counting items waiting to upload…</source>
        <translation>正在统计待上传的条目…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="183"/>
        <source>River Patrol was started again: this is its window, already open on this data folder.</source>
        <translation>巡河助手又启动了一次：它已经在这个数据文件夹上打开，就是这个窗口。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/main_window.py" line="515"/>
        <source>Waiting to upload: %n item(s)</source>
        <translation>
            <numerusform>待上传：%n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="517"/>
        <source>Last upload: never</source>
        <translation>上次上传：从未上传</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="520"/>
        <source>Last upload arrived: %1</source>
        <translation>上次上传已送达：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="525"/>
        <source>User: %1 (%2)</source>
        <translation>当前使用者：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="529"/>
        <source>River Patrol</source>
        <translation>巡河助手</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="530"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="530"/>
        <source>Reaches</source>
        <translation>河段名录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="530"/>
        <source>Patrols</source>
        <translation>巡河记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="531"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="531"/>
        <source>Sync</source>
        <translation>上传同步</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="531"/>
        <source>Covert inspections</source>
        <translation>暗访检查</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="531"/>
        <source>Maintenance logs</source>
        <translation>管护日志</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="530"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="505"/>
        <source>The computer&apos;s clock is behind: correct the date and time in Windows</source>
        <translation>电脑的时钟慢了：请在 Windows 设置里改正日期和时间</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="530"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>MaintenanceLogDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="331"/>
        <source>This log is already the problem&apos;s rectification: the problem cannot be changed.</source>
        <translation>这条日志已经作为问题的整改记录，关联的问题不能再改。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="370"/>
        <source>What was done to put it right (goes into the problem&apos;s history as 整改完成)</source>
        <translation>整改做了什么（写入问题的处置记录，作为“整改完成”）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="449"/>
        <source>(choose a photo)</source>
        <translation>（选择照片）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="450"/>
        <source>Double-click or press Enter to choose the photo</source>
        <translation>双击或按回车键选择照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="454"/>
        <source>time unknown</source>
        <translation>拍摄时间不详</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="475"/>
        <source>Choose the photo taken before the work</source>
        <translation>选择作业前拍的照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="476"/>
        <source>Choose the photo taken after the work</source>
        <translation>选择作业后拍的照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="477"/>
        <source>Photos (%1);;All files (*)</source>
        <translation>照片 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="495"/>
        <source>This file could not be used as a photo: %1 (%2)</source>
        <translation>这个文件不能作为照片：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="505"/>
        <source>Importing photos</source>
        <translation>正在导入照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="536"/>
        <source>%1 (rectified by this log)</source>
        <translation>%1（本日志已整改）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="583"/>
        <source>Reason given: save again to record the log with it.</source>
        <translation>已填写原因：请再点“保存”，日志连同原因一起保存。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="618"/>
        <source>Check the points above. If the log is right, say why in “Reason” and save again.</source>
        <translation>请核对以上事项；确认无误的，在“原因”栏写明原因后再保存。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="640"/>
        <source>Close without saving?</source>
        <translation>不保存就关闭？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="641"/>
        <source>What was entered in this log is not saved.</source>
        <translation>这条日志填写的内容还没有保存。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="643"/>
        <source>Close without saving</source>
        <translation>不保存，关闭</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="644"/>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="648"/>
        <source>Maintenance log</source>
        <translation>管护日志</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="649"/>
        <source>No contract (public-welfare post, work order)</source>
        <translation>无合同（公益性岗位、临时任务）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="650"/>
        <source>&amp;Contract</source>
        <translation>管护合同(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="651"/>
        <source>P&amp;ost or order</source>
        <translation>岗位或任务(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="652"/>
        <source>Only without a contract: e.g. 林庄村公益性岗位</source>
        <translation>没有合同时填写，例如：林庄村公益性岗位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="653"/>
        <source>R&amp;each</source>
        <translation>河段(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="654"/>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="655"/>
        <source>&amp;From / to</source>
        <translation>起止时间(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="656"/>
        <source>&amp;Workers</source>
        <translation>作业人员(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="657"/>
        <source>Names, separated by 、</source>
        <translation>姓名，用“、”分开</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="658"/>
        <source>Rectifies &amp;problem</source>
        <translation>整改问题(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="659"/>
        <source>(not a rectification)</source>
        <translation>（不是问题整改）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="660"/>
        <source>&amp;Notes</source>
        <translation>说明(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="661"/>
        <source>Work done (&amp;quantities)</source>
        <translation>作业内容和数量(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="662"/>
        <source>Work</source>
        <translation>作业项目</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="662"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="662"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="663"/>
        <source>Add work</source>
        <translation>添加一项</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="664"/>
        <source>Remove work</source>
        <translation>删除这一项</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="665"/>
        <source>P&amp;hotos before and after (the same spot)</source>
        <translation>作业前后照片（同一位置）(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="666"/>
        <source>Each row: the same spot before and after. Double-click a cell or press Enter to choose its photo.</source>
        <translation>每行一组：同一位置作业前、作业后各一张。双击格子或按回车键选择照片。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="668"/>
        <source>When the log rectifies a problem, its after-photos are the problem&apos;s evidence of the work.</source>
        <translation>日志整改问题时，作业后的照片就是问题的整改证据。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="670"/>
        <source>Before</source>
        <translation>作业前</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="670"/>
        <source>After</source>
        <translation>作业后</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="670"/>
        <source>Where / what</source>
        <translation>位置/说明</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="671"/>
        <source>Add pair</source>
        <translation>添加一组</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="672"/>
        <source>Before photo…</source>
        <translation>作业前照片…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="673"/>
        <source>After photo…</source>
        <translation>作业后照片…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="674"/>
        <source>Remove pair</source>
        <translation>删除这一组</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="675"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="676"/>
        <source>Needed only when something is queried above: why the log is right</source>
        <translation>上面提示需要说明时才填：为什么这条日志是对的</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="677"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/maintenance.py" line="678"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MaintenancePage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="338"/>
        <source>%1, %2: %3 day(s) of work, %4 requirement(s) not met yet</source>
        <translation>%1，%2：已作业 %3 天，还有 %4 项要求未达标</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="342"/>
        <source>No contract has arrived from the city office yet (logs can still be recorded for a post)</source>
        <translation>还没有收到市河长办下发的管护合同（仍可按岗位记日志）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="344"/>
        <source>%n problem(s) assigned to rectify</source>
        <translation>
            <numerusform>交办待整改的问题 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="357"/>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="475"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="358"/>
        <source>queried, reason given</source>
        <translation>已说明原因</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="372"/>
        <source>No log yet: record the day&apos;s work with “New log”.</source>
        <translation>还没有日志：用“新建日志”记下当天的作业。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="385"/>
        <source>(%1 day(s) overdue)</source>
        <translation>（超期 %1 天）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="399"/>
        <source>Problems the office or a chief assigned to your unit or to you. “Record rectification” logs the work and marks the problem rectified.</source>
        <translation>市河长办或河长交办给本单位或本人的问题。“记录整改”会记一条管护日志，并把问题标为整改完成。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="407"/>
        <source> (demo)</source>
        <translation>（示例）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="453"/>
        <source>No contract: the monthly summary is made per contract.</source>
        <translation>没有管护合同：月度汇总按合同统计。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="466"/>
        <source>met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="466"/>
        <source>not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="475"/>
        <source>Quantities this month: %1</source>
        <translation>本月作业量：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="476"/>
        <source>(the contract covers %1% of this month: requirements pro rata)</source>
        <translation>（合同期占本月 %1%，要求按比例计）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="479"/>
        <source>%1 day(s) of work, %2 log(s), %3 photo pair(s), %4 problem(s) rectified; %5 log(s) without photos, %6 with queried points.</source>
        <translation>作业 %1 天，日志 %2 条，照片 %3 组，整改问题 %4 个；无照片的日志 %5 条，有需说明事项的 %6 条。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="491"/>
        <source>A log that rectified a problem is in the problem&apos;s history and cannot be deleted.</source>
        <translation>整改了问题的日志已写入问题的处置记录，不能删除。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="562"/>
        <source>Delete the log?</source>
        <translation>删除这条日志？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="563"/>
        <source>The log of %1 is deleted here and, at the next sync, at the office. This cannot be undone.</source>
        <translation>%1 的日志会从本机删除，下次同步时市河长办那边也会删除。删除后不能恢复。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="565"/>
        <source>Delete the log</source>
        <translation>删除日志</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="566"/>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="589"/>
        <source>%1 %2 maintenance summary</source>
        <translation>%1 %2 管护月度汇总</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="590"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="590"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="591"/>
        <source>Save the monthly summary</source>
        <translation>保存月度汇总</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="595"/>
        <source>Writing the summary…</source>
        <translation>正在生成汇总…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="606"/>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="617"/>
        <source>Maintenance logs</source>
        <translation>管护日志</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="618"/>
        <source>&amp;New log…</source>
        <translation>新建日志(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="619"/>
        <source>Record a day&apos;s work (Ctrl+N)</source>
        <translation>记录一天的作业 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="620"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="621"/>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="622"/>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="623"/>
        <source>Work logs</source>
        <translation>管护日志</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="624"/>
        <source>Assigned problems</source>
        <translation>交办的问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="625"/>
        <source>Monthly summary</source>
        <translation>月度汇总</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="626"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="626"/>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="628"/>
        <source>Reach</source>
        <translation>河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="626"/>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="636"/>
        <source>Work</source>
        <translation>作业内容</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="626"/>
        <source>Workers</source>
        <translation>作业人员</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="627"/>
        <source>Photo pairs</source>
        <translation>照片（组）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="627"/>
        <source>Rectified</source>
        <translation>整改的问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="627"/>
        <source>Queried</source>
        <translation>需说明</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="628"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="628"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="629"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="629"/>
        <source>Assigned to</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="629"/>
        <source>Found</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="630"/>
        <source>&amp;Record rectification…</source>
        <translation>记录整改(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="631"/>
        <source>Open on the problems page</source>
        <translation>在问题页打开</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="632"/>
        <source>&amp;Contract</source>
        <translation>管护合同(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="633"/>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="634"/>
        <source>PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="635"/>
        <source>Excel…</source>
        <translation>导出电子表格…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="636"/>
        <source>Required</source>
        <translation>合同要求</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="636"/>
        <source>Days done / required</source>
        <translation>天数（完成/要求）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="637"/>
        <source>Quantity done / required</source>
        <translation>数量（完成/要求）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/maintenance.py" line="637"/>
        <source>Result</source>
        <translation>结论</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/messages.py" line="18"/>
        <source>River Patrol</source>
        <translation>巡河助手</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/messages.py" line="30"/>
        <source>Something went wrong inside the program. Your saved data is safe. Please send the details below to the city river-chief office.</source>
        <translation>程序内部出错了。已保存的数据不受影响。请把下面的详细信息发给市河长办。</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="67"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="74"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="74"/>
        <source>Current passphrase</source>
        <translation>现在的口令</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="77"/>
        <source>New passphrase</source>
        <translation>新口令</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="78"/>
        <source>Repeat it</source>
        <translation>再输一遍</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="87"/>
        <source>Open protected drafts</source>
        <translation>打开受保护的草稿</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="87"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="88"/>
        <source>The covert drafts on this laptop are protected by a passphrase. Enter it to see and change them. Submitted inspections and the coverage need no passphrase.</source>
        <translation>这台电脑上的暗访草稿已用口令加密保护，输入口令后才能查看和修改。已提交的暗访和覆盖情况不需要口令。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="91"/>
        <source>Protect drafts with a passphrase</source>
        <translation>用口令保护草稿</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="91"/>
        <source>Protect</source>
        <translation>设置口令</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="92"/>
        <source>On a shared laptop, a passphrase keeps the unit&apos;s drafts (plans, findings not yet submitted) unreadable to anyone else, in the backups folder too (a backup saved elsewhere before, e.g. on a USB stick, is not changed: delete it). At least %1 characters. Write it down somewhere safe: </source>
        <translation>几个人共用一台电脑时，设了口令，别人就看不到本单位的草稿（暗访计划、还没提交的问题），备份文件夹里的备份也一样加密（以前另存到别处的备份，例如 U 盘上的，不会改变：请删掉）。口令至少 %1 个字符，请记在稳妥的地方：</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="97"/>
        <source>Change the passphrase</source>
        <translation>更改口令</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="97"/>
        <source>Change</source>
        <translation>更改</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="98"/>
        <source>Enter the current passphrase, then the new one twice.</source>
        <translation>先输入现在的口令，再把新口令输两遍。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="99"/>
        <source>Stop protecting drafts</source>
        <translation>取消口令保护</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="99"/>
        <source>Remove passphrase</source>
        <translation>取消口令</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="100"/>
        <source>The drafts will be stored unencrypted again: anyone using this laptop&apos;s liaison profile can read them. Enter the passphrase to confirm.</source>
        <translation>草稿将不再加密保存：用这台电脑上对口联系单位身份的人都能看到。请输入口令确认。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="102"/>
        <source>Forgot the passphrase</source>
        <translation>忘记口令</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="102"/>
        <source>Delete the drafts and start again</source>
        <translation>删除这些草稿，重新开始</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="121"/>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="124"/>
        <source>The new passphrase needs at least %1 characters.</source>
        <translation>新口令至少要 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/covert_passphrase.py" line="126"/>
        <source>The two new passphrases differ: type the same one twice.</source>
        <translation>两次输入的新口令不一样，请输入同一个口令两遍。</translation>
    </message>
</context>
<context>
    <name>PatrolEditor</name>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="255"/>
        <source>Finalised records are locked. To correct one, use Revise… and say why.</source>
        <translation>已提交的记录已锁定。如需更正，请点“修改记录…”并写明原因。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="283"/>
        <source>A finalised record is locked: to correct it, use Revise… and say why.</source>
        <translation>已提交的记录已锁定；要更正，请点“修改记录…”并写明原因。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="284"/>
        <source>This patrol is already finalised.</source>
        <translation>这条巡河记录已经提交了。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="286"/>
        <source>You are revising this record now.</source>
        <translation>正在修改这条记录。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="287"/>
        <source>A draft is changed directly: edit it and save.</source>
        <translation>草稿可以直接改，改好后保存即可。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="289"/>
        <source>A finalised patrol cannot be deleted.</source>
        <translation>已提交的巡河记录不能删除。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="290"/>
        <source>Not saved yet: there is nothing to delete. Open another patrol to leave it.</source>
        <translation>还没有保存，不需要删除；打开别的记录就可以放下它。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="292"/>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="664"/>
        <source>Save revision…</source>
        <translation>保存修改…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="292"/>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="664"/>
        <source>Save draft (Ctrl+S)</source>
        <translation>保存草稿 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="454"/>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="466"/>
        <source>Finalise the patrol</source>
        <translation>提交巡河记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="452"/>
        <source>These checklist items are marked as a problem, but no problem was reported from this patrol: %1. Report it first?</source>
        <translation>检查项“%1”标为有问题，但这次巡河还没有上报问题。先上报问题吗？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="455"/>
        <source>Report a problem</source>
        <translation>上报问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="456"/>
        <source>Finalise anyway</source>
        <translation>仍然提交</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="457"/>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="468"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="464"/>
        <source>After finalising, the record is locked: later changes are kept as revisions with a reason. Finalise now?</source>
        <translation>提交后记录就锁定了：以后再改会作为修改记录保存，并要写明原因。现在提交吗？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="467"/>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="657"/>
        <source>Finalise</source>
        <translation>提交</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="543"/>
        <source>Revising: change what needs correcting, then save and give the reason. Cancel revision puts the record back as it was.</source>
        <translation>正在修改：改好需要更正的地方，然后点“保存修改…”并写明原因。点“取消修改”可恢复原样。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="554"/>
        <source>Revision cancelled: the record is as it was.</source>
        <translation>已取消修改，记录保持原样。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="564"/>
        <source>Why is the record changed?</source>
        <translation>为什么修改这条记录？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="565"/>
        <source>Reason for the change (kept with the record):</source>
        <translation>修改原因（会和记录一起保存）：</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="573"/>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="660"/>
        <source>Delete draft</source>
        <translation>删除草稿</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="573"/>
        <source>Delete this draft patrol?</source>
        <translation>删除这条巡河草稿吗？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="586"/>
        <source>Draft deleted.</source>
        <translation>草稿已删除。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="599"/>
        <source>Still reading the patrol: try again in a moment.</source>
        <translation>正在读取这条巡河记录，请稍候再试。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="602"/>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="629"/>
        <source>Working</source>
        <translation>正在处理</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="636"/>
        <source>Choose a patrol on the left, or make a new one.</source>
        <translation>请在左边选择一条巡河记录，或新建一条。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="641"/>
        <source>New patrol (not saved yet)</source>
        <translation>新建巡河记录（尚未保存）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="643"/>
        <source> · revising</source>
        <translation> · 正在修改</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="654"/>
        <source>Details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="654"/>
        <source>Checklist</source>
        <translation>检查项</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="654"/>
        <source>Track</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="655"/>
        <source>Photos &amp;&amp; problems</source>
        <translation>照片和问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="655"/>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="658"/>
        <source>Revise…</source>
        <translation>修改记录…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/editor.py" line="659"/>
        <source>Cancel revision</source>
        <translation>取消修改</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="25"/>
        <source>It will count as a valid patrol: %1 and %2 meet the minimum of %3 and %4.</source>
        <translation>这次巡河会计为有效巡河：用时 %1、里程 %2，达到了有效巡河的要求（至少 %3、%4）。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="31"/>
        <source>the distance %1 is less than the %2 required</source>
        <translation>里程 %1，少于要求的 %2</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="35"/>
        <source>the time %1 is less than the %2 required</source>
        <translation>用时 %1，少于要求的 %2</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="38"/>
        <source>It will be counted as patrolled, but NOT as a valid patrol: %1.</source>
        <translation>这次巡河会算作“已巡”，但不算“有效巡河”：%1。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="40"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="49"/>
        <source>distance under %1</source>
        <translation>里程不足 %1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="52"/>
        <source>time under %1</source>
        <translation>用时不足 %1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="54"/>
        <source> · not valid: %1</source>
        <translation> · 不算有效巡河：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="55"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="59"/>
        <source>%1 · %2 · %3 photo(s) · %4 warning(s)</source>
        <translation>%1 · %2 · 照片 %3 张 · 提示 %4 条</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="67"/>
        <source>The checks give %1 warning(s) (see the Track tab); the office sees them too.</source>
        <translation>轨迹检查有 %1 条提示（见“轨迹”页），河长办也能看到。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="74"/>
        <source>it counts as a patrol only once you click Finalise.</source>
        <translation>点“提交”后才算一次巡河。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="76"/>
        <source>Draft saved at %1. Not finalised yet: %2</source>
        <translation>草稿已保存 %1。还没有提交：%2</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="81"/>
        <source>Finalised at %1; the record is now locked. %2</source>
        <translation>已提交 %1，记录已锁定。%2</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/wording.py" line="86"/>
        <source>Revision saved at %1. The version it replaced is kept (see History).</source>
        <translation>修改已保存 %1。改之前的内容保留在“修改记录”里。</translation>
    </message>
</context>
<context>
    <name>Patrols</name>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="21"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="24"/>
        <source>Final, revised %1 time(s)</source>
        <translation>已提交，修订 %1 次</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="25"/>
        <source>Final</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="33"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="35"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="71"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="72"/>
        <source>Reach</source>
        <translation>河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="73"/>
        <source>Patroller</source>
        <translation>巡河人</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="74"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="75"/>
        <source>Duration</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="76"/>
        <source>Distance</source>
        <translation>里程</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="77"/>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="78"/>
        <location filename="../../patrol_app/ui/patrol_models.py" line="108"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="79"/>
        <source>Flags</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="80"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="81"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="96"/>
        <source>%1 (for %2)</source>
        <translation>%1（代 %2）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="109"/>
        <source>Not valid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_models.py" line="124"/>
        <source>%1 warning(s): open the patrol to read them</source>
        <translation>%1 条提示：打开巡河记录查看</translation>
    </message>
</context>
<context>
    <name>PatrolsPage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="162"/>
        <source>My reaches</source>
        <translation>我的河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="163"/>
        <source>All reaches</source>
        <translation>全部河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="196"/>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/pages/patrols.py" line="201"/>
        <source>%n patrol(s)</source>
        <translation>
            <numerusform>共 %n 条巡河记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="218"/>
        <source>Unsaved patrol</source>
        <translation>巡河记录未保存</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="219"/>
        <source>The patrol you are editing has changes that are not saved.</source>
        <translation>正在编辑的巡河记录有改动还没有保存。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="220"/>
        <source>Save as draft</source>
        <translation>保存为草稿</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="221"/>
        <source>Discard changes</source>
        <translation>不保存</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="222"/>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="259"/>
        <source>Choose the folder with the patrol&apos;s photos</source>
        <translation>选择存放这次巡河照片的文件夹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="276"/>
        <source>Importing photos</source>
        <translation>正在导入照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="294"/>
        <source>No photos were found in that folder.</source>
        <translation>那个文件夹里没有找到照片。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/pages/patrols.py" line="304"/>
        <source>%n photo(s) were taken more than two hours before or after the others and were left out of this patrol.</source>
        <translation>
            <numerusform>有 %n 张照片与其他照片的拍摄时间相隔两小时以上，没有放进这次巡河。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="311"/>
        <source>Patrols</source>
        <translation>巡河记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="312"/>
        <source>Choose a patrol on the left, or make a new one.</source>
        <translation>请在左边选择一条巡河记录，或新建一条。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="313"/>
        <source>&amp;New patrol</source>
        <translation>新建巡河(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="314"/>
        <source>Record a patrol (Ctrl+N)</source>
        <translation>记录一次巡河 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="315"/>
        <source>New patrol from &amp;photos…</source>
        <translation>从照片新建巡河(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="316"/>
        <source>Choose the folder of photos from the patrol: the reach, times and track are proposed from them</source>
        <translation>选择这次巡河的照片文件夹：根据照片自动建议河段、时间和轨迹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="318"/>
        <source>Search patroller or notes</source>
        <translation>搜索巡河人或备注</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="319"/>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="319"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="319"/>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="319"/>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="320"/>
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="320"/>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="322"/>
        <source>Drafts and final</source>
        <translation>草稿和已提交</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="322"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="323"/>
        <source>Final</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="324"/>
        <source>Valid or not</source>
        <translation>有效和无效</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="324"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="325"/>
        <source>Not valid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/patrols.py" line="325"/>
        <source>With warnings</source>
        <translation>有提示的</translation>
    </message>
</context>
<context>
    <name>Periods</name>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="86"/>
        <source>week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="87"/>
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="88"/>
        <source>quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="89"/>
        <source>half-year</source>
        <translation>半年</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="90"/>
        <source>year</source>
        <translation>年</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="163"/>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="263"/>
        <source>Opening the photo…</source>
        <translation>正在打开照片…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="215"/>
        <source>%1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="226"/>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="260"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="230"/>
        <source>The file of this photo cannot be found:
%1
It may have been deleted or moved. Restore the data folder from a backup, or import the photo again.</source>
        <translation>找不到这张照片的文件：
%1
它可能被删除或移走了。请从备份恢复数据文件夹，或重新导入这张照片。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="234"/>
        <source>The file of this photo is damaged and cannot be shown:
%1
Import the photo again from the phone or the camera.</source>
        <translation>这张照片的文件已损坏，无法显示：
%1
请从手机或相机重新导入这张照片。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="237"/>
        <source>This photo is no longer in the library.</source>
        <translation>照片库里已没有这张照片。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="238"/>
        <source>The photo could not be opened: %1</source>
        <translation>照片打不开：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="242"/>
        <source>Taken %1</source>
        <translation>拍摄于 %1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="243"/>
        <source>Time taken unknown</source>
        <translation>拍摄时间不详</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="245"/>
        <source>from the photo&apos;s GPS</source>
        <translation>照片自带 GPS</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="245"/>
        <source>from the patrol track</source>
        <translation>由巡河轨迹推算</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="246"/>
        <source>set by hand</source>
        <translation>手工标注</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="247"/>
        <source>at %1, %2 (%3)</source>
        <translation>位置 %1, %2（%3）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="250"/>
        <source>no position</source>
        <translation>没有位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="254"/>
        <source>← Previous</source>
        <translation>← 上一张</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="255"/>
        <source>The previous photo (← key)</source>
        <translation>上一张照片（← 键）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="256"/>
        <source>Next →</source>
        <translation>下一张 →</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="257"/>
        <source>The next photo (→ key)</source>
        <translation>下一张照片（→ 键）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="258"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/photo_viewer.py" line="259"/>
        <source>Close the photo (Esc)</source>
        <translation>关闭照片（Esc 键）</translation>
    </message>
</context>
<context>
    <name>PhotosPage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="193"/>
        <source>%1 photo(s) match.</source>
        <translation>共 %1 张照片符合条件。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="220"/>
        <source>Select a photo to see its details.</source>
        <translation>点一张照片，这里显示它的详细信息。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="230"/>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="230"/>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="230"/>
        <source>Camera</source>
        <translation>相机/手机</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="231"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="231"/>
        <source>Used in</source>
        <translation>用于</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="233"/>
        <location filename="../../patrol_app/ui/pages/photos.py" line="252"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="234"/>
        <source>time zone from the photo</source>
        <translation>时区取自照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="235"/>
        <source>time zone assumed: China Standard Time</source>
        <translation>照片未记录时区，按北京时间计</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="239"/>
        <source>The camera clock differs from GPS time by %1 minute(s).</source>
        <translation>相机时钟与卫星时间相差 %1 分钟，拍摄时间可能不准。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="242"/>
        <source>from the photo&apos;s GPS</source>
        <translation>取自照片自带的定位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="242"/>
        <source>from the patrol track</source>
        <translation>根据巡河轨迹推算</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="243"/>
        <source>set by hand</source>
        <translation>手动设置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="250"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="260"/>
        <source>maintenance log %1 %2</source>
        <translation>管护日志 %1 %2</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="263"/>
        <source>not yet</source>
        <translation>尚未使用</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="280"/>
        <source>problem %1 (photo of step &apos;%2&apos;, now %3)</source>
        <translation>问题：%1（“%2”时的照片，现在%3）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="285"/>
        <source>patrol</source>
        <translation>巡河记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="285"/>
        <source>problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="286"/>
        <source>problem step</source>
        <translation>问题处置记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="292"/>
        <source>the photo&apos;s latitude is impossible</source>
        <translation>照片里的纬度不可能存在</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="293"/>
        <source>the photo&apos;s longitude is impossible</source>
        <translation>照片里的经度不可能存在</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="294"/>
        <source>the photo says 0, 0 (no real fix)</source>
        <translation>照片记录的是 0, 0（没有真正定位）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="295"/>
        <source>the photo&apos;s GPS values are not numbers</source>
        <translation>照片里的定位数值无效</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="296"/>
        <source>the photo&apos;s GPS values are broken (0/0)</source>
        <translation>照片里的定位数值已损坏（0/0）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="297"/>
        <source>the photo has only half a position</source>
        <translation>照片只记录了一半的坐标</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="319"/>
        <source>Choose the folder with the photos</source>
        <translation>选择存放照片的文件夹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="356"/>
        <source>%1 of %2 photos · %3 per second</source>
        <translation>已处理 %1 / %2 张 · 每秒 %3 张</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="359"/>
        <source>about %1 s left</source>
        <translation>大约还要 %1 秒</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="365"/>
        <source>Importing photos</source>
        <translation>正在导入照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="405"/>
        <source>%1 %2: %3 photo(s)</source>
        <translation>%1 %2：%3 张照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="408"/>
        <source>Photos taken during draft patrols</source>
        <translation>巡河草稿期间拍的照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="409"/>
        <source>Some of the photos were taken during these draft patrols. Add them to the patrols?</source>
        <translation>有些照片是在下面这些巡河（草稿）期间拍的，要把它们添加到这些巡河记录吗？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="411"/>
        <source>Add to the patrols</source>
        <translation>添加到巡河记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="412"/>
        <source>Not now</source>
        <translation>暂不添加</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="445"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="446"/>
        <source>&amp;Import a folder…</source>
        <translation>导入文件夹(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="448"/>
        <source>Copy the photos from the phone to this laptop, then import the folder — or drag photos or folders onto this page. The original files are not changed or moved.</source>
        <translation>先把手机里的照片拷到这台电脑上，再导入那个文件夹；也可以把照片或文件夹直接拖到这一页。原来的文件不会被改动或移走。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="451"/>
        <source>Taken between</source>
        <translation>拍摄日期</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="452"/>
        <source>&amp;Position</source>
        <translation>位置(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="453"/>
        <source>&amp;Use</source>
        <translation>使用情况(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="455"/>
        <location filename="../../patrol_app/ui/pages/photos.py" line="456"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="455"/>
        <source>With position</source>
        <translation>有位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="455"/>
        <source>Without position</source>
        <translation>无位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="456"/>
        <source>Used in a record</source>
        <translation>已用于记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="456"/>
        <source>Not used yet</source>
        <translation>尚未使用</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="460"/>
        <source>Set the position by &amp;hand…</source>
        <translation>手动设置位置(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="461"/>
        <source>New &amp;patrol from the selected photos</source>
        <translation>用选中的照片新建巡河(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="462"/>
        <source>Pick the photos of one patrol (Ctrl+click or Shift+click) and the reach, times and track are proposed</source>
        <translation>选中同一次巡河的照片（按住 Ctrl 或 Shift 点选），根据照片建议河段、时间和轨迹</translation>
    </message>
</context>
<context>
    <name>PositionDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/position.py" line="12"/>
        <source>Set the position by hand</source>
        <translation>手动设置位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/position.py" line="14"/>
        <source>Enter the place where the photo was taken, in WGS-84 decimal degrees as a GPS shows them (for example 33.7350, 113.1920). Coordinates copied from Baidu or Amap maps are shifted by several hundred metres and must not be used here.</source>
        <translation>请填写拍照地点的经纬度（WGS-84 十进制度数，和GPS显示的一样，例如 33.7350, 113.1920）。从百度地图或高德地图复制的坐标有几百米的偏移，不能填在这里。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/position.py" line="31"/>
        <source>Latitude (N)</source>
        <translation>纬度（北纬）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/position.py" line="32"/>
        <source>Longitude (E)</source>
        <translation>经度（东经）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/position.py" line="46"/>
        <source>0, 0 is in the Atlantic Ocean, not a place on a river here.</source>
        <translation>0, 0 在大西洋上，不是这里的河道位置。</translation>
    </message>
</context>
<context>
    <name>ProblemDetail</name>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="210"/>
        <source>Overdue %1 day(s)</source>
        <translation>超期 %1 天</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="217"/>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="218"/>
        <source>Reach</source>
        <translation>河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="219"/>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="220"/>
        <source>Found</source>
        <translation>发现</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="221"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="222"/>
        <source>Found on patrol</source>
        <translation>巡河时发现</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="225"/>
        <source>Severity / urgency</source>
        <translation>严重 / 紧急程度</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="228"/>
        <source>Responsible</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="233"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="235"/>
        <source>Reworked</source>
        <translation>重办次数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="251"/>
        <source>Before (%1)</source>
        <translation>整改前（%1 张）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="252"/>
        <source>After (%1)</source>
        <translation>整改后（%1 张）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="259"/>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="260"/>
        <source>from photo GPS</source>
        <translation>来自照片定位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="260"/>
        <source>from the patrol track</source>
        <translation>来自巡河轨迹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="261"/>
        <source>set by hand</source>
        <translation>手动标注</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="326"/>
        <source>to %1</source>
        <translation>交给 %1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="328"/>
        <source>deadline %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="332"/>
        <source>reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="335"/>
        <source>%1 photo(s)</source>
        <translation>%1 张照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="343"/>
        <source>Not applied: %1</source>
        <translation>未生效：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="370"/>
        <source>Save the supervision sheet</source>
        <translation>保存督办单</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="371"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="392"/>
        <source>Select a problem in the list to see its details.</source>
        <translation>在左边列表中选一个问题，查看详情。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="393"/>
        <source>What can be done now</source>
        <translation>现在可以办理</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="395"/>
        <source>Timeline</source>
        <translation>处置记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="396"/>
        <source>Export supervision sheet (PDF)…</source>
        <translation>导出督办单（PDF）…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="269"/>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="288"/>
        <source>Select a problem in the list first.</source>
        <translation>请先在左边的列表里选一个问题。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="271"/>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="290"/>
        <source>Choose who you are in Settings first.</source>
        <translation>请先在“设置”里选择使用者。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="292"/>
        <source>Grey buttons cannot be used now: point at one to see why.</source>
        <translation>灰色按钮现在不能用，鼠标移上去可看原因。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_detail.py" line="297"/>
        <source>The problem is %1: nothing more to do.</source>
        <translation>问题%1，不需要再办理。</translation>
    </message>
</context>
<context>
    <name>ProblemList</name>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="117"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="120"/>
        <source>Any severity</source>
        <translation>全部程度</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="123"/>
        <source>Any source</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="126"/>
        <source>All reaches</source>
        <translation>全部河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="127"/>
        <source>My reaches</source>
        <translation>我的河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="180"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="197"/>
        <source>No problem matches.</source>
        <translation>没有符合条件的问题。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="197"/>
        <source>No open task for you.</source>
        <translation>目前没有交办给您的待办任务。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="199"/>
        <source>%1 problem(s)</source>
        <translation>共 %1 个问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="201"/>
        <source> — the first %1 are loaded, more as you scroll</source>
        <translation>，已显示前 %1 个，向下滚动显示更多</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="211"/>
        <source>&amp;State</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="211"/>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="211"/>
        <source>Se&amp;verity</source>
        <translation>严重程度(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="212"/>
        <source>S&amp;ource</source>
        <translation>来源(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="212"/>
        <source>R&amp;each</source>
        <translation>河段(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="214"/>
        <source>Only &amp;overdue</source>
        <translation>只看超期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problem_list.py" line="215"/>
        <source>Search description or responsible unit</source>
        <translation>搜索问题描述或责任单位</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="52"/>
        <source>%1 (overdue %2 d)</source>
        <translation>%1（超期 %2 天）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="90"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="91"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="92"/>
        <location filename="../../patrol_app/ui/problem_models.py" line="147"/>
        <source>Reach</source>
        <translation>河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="93"/>
        <source>Found</source>
        <translation>发现</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="94"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="95"/>
        <source>Assigned to</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="96"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="148"/>
        <source>Township / village</source>
        <translation>乡镇 / 村</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="150"/>
        <source>River chiefs</source>
        <translation>河长</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="151"/>
        <source>Liaison unit</source>
        <translation>对口联系单位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="153"/>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="154"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="155"/>
        <source>Major, open</source>
        <translation>重大未结</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="156"/>
        <source>Closed this year</source>
        <translation>今年销号</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="157"/>
        <source>All problems</source>
        <translation>问题总数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="177"/>
        <source>Not closed</source>
        <translation>未销号</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/problem_models.py" line="178"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/problems.py" line="123"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problems.py" line="133"/>
        <source>%1 reach(es). Overdue reaches first. Double-click a reach to list its problems.</source>
        <translation>共 %1 个河段，有超期问题的排在前面。双击河段可查看它的问题。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problems.py" line="212"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problems.py" line="213"/>
        <source>&amp;Report a problem…</source>
        <translation>上报问题(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problems.py" line="214"/>
        <source>Record a new problem found on a patrol or inspection (Ctrl+N)</source>
        <translation>记录巡河或检查中发现的新问题（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problems.py" line="215"/>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problems.py" line="216"/>
        <source>Problem list</source>
        <translation>问题清单</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problems.py" line="217"/>
        <source>My tasks</source>
        <translation>任务清单</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/problems.py" line="218"/>
        <source>Responsibilities</source>
        <translation>责任清单</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="134"/>
        <source>Welcome to River Patrol</source>
        <translation>欢迎使用巡河助手</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="137"/>
        <source>Before you start, tell us who uses this laptop and which river reaches you look after. You can change this later in Settings.</source>
        <translation>开始之前，请告诉我们谁在使用这台电脑、负责哪些河段。以后可以在“设置”里修改。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="142"/>
        <source>Profile</source>
        <translation>使用者档案</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="142"/>
        <source>New profile</source>
        <translation>新建使用者档案</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="143"/>
        <source>Who uses this laptop and which river reaches they look after.</source>
        <translation>谁在使用这台电脑，负责哪些河段。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="144"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="145"/>
        <source>&amp;Role</source>
        <translation>身份(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="146"/>
        <source>&amp;Level</source>
        <translation>级别(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="147"/>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="148"/>
        <source>R&amp;eaches</source>
        <translation>负责河段(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="149"/>
        <source>Your full name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="150"/>
        <source>Village, township or department</source>
        <translation>村、乡镇或单位名称</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="151"/>
        <source>Search by river, township, village or code</source>
        <translation>按河流、乡镇、村或编码查找</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="156"/>
        <source>demo</source>
        <translation>示例</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="163"/>
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="163"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="165"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="165"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="212"/>
        <source>%n reach(es) selected</source>
        <translation>
            <numerusform>已选 %n 段</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="218"/>
        <source>Please enter your name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="220"/>
        <source>Please tick at least one reach that you look after.</source>
        <translation>请至少勾选一个您负责的河段。</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../patrol_app/ui/app.py" line="240"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReachesPage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="113"/>
        <source>No reach matches the search.</source>
        <translation>没有符合条件的河段。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="119"/>
        <source>%1 reach(es) shown, %2 of them demo reaches (fictional, approximate course).</source>
        <translation>共显示 %1 段，其中示例河段 %2 段（虚构数据，走向为示意）。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="132"/>
        <source>Demo reach</source>
        <translation>示例河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="133"/>
        <source>fictional, its course is approximate, not survey data.</source>
        <translation>虚构数据，走向为示意，不是测绘成果。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="134"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="134"/>
        <source>River / reservoir</source>
        <translation>河流/水库</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="134"/>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="136"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="137"/>
        <source>River chiefs</source>
        <translation>河长</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="138"/>
        <source>Liaison units</source>
        <translation>对口联系单位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="140"/>
        <source>none recorded</source>
        <translation>暂无记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="155"/>
        <source>Reaches</source>
        <translation>河段名录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="156"/>
        <source>&amp;Search</source>
        <translation>查找(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="157"/>
        <source>River, township, village, chief or code</source>
        <translation>河流、乡镇、村、河长姓名或编码</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="158"/>
        <source>&amp;River</source>
        <translation>河湖(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="159"/>
        <source>All rivers and reservoirs</source>
        <translation>全部河流和水库</translation>
    </message>
</context>
<context>
    <name>ReportProblemDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="164"/>
        <source>Report a problem</source>
        <translation>上报问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="176"/>
        <source>What did you see? Where exactly? How big?</source>
        <translation>看到了什么？具体在哪里？规模多大？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="193"/>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="254"/>
        <source>No position: add a photo with GPS, or leave it empty.</source>
        <translation>没有位置：可以添加带定位的照片，也可以不填。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="199"/>
        <source>&amp;Reach</source>
        <translation>河段(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="200"/>
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="201"/>
        <source>&amp;Problem</source>
        <translation>具体问题(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="202"/>
        <source>&amp;Description</source>
        <translation>问题描述(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="203"/>
        <source>&amp;Severity</source>
        <translation>严重程度(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="204"/>
        <source>&amp;Urgency</source>
        <translation>紧急程度(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="205"/>
        <source>S&amp;ource</source>
        <translation>来源(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="206"/>
        <source>&amp;Found at</source>
        <translation>发现时间(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="207"/>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="208"/>
        <source>Photos (before)</source>
        <translation>整改前照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="213"/>
        <source>Report</source>
        <translation>上报</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="251"/>
        <source>%1, %2 (from the photo)</source>
        <translation>%1, %2（来自照片）</translation>
    </message>
</context>
<context>
    <name>Restore</name>
    <message>
        <location filename="../../patrol_app/ui/app.py" line="135"/>
        <source>The data was restored from %1.</source>
        <translation>已从备份恢复数据：%1。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/app.py" line="137"/>
        <source>The data it replaced was backed up first: %1</source>
        <translation>被替换的数据已先备份到：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/app.py" line="140"/>
        <source>%1 photos it uses are missing from the photo library: copy the photos and uploads folders of the old data folder into %2.</source>
        <translation>恢复的数据用到的照片中有 %1 张不在照片库里：请把原来数据文件夹里的 photos 和 uploads 文件夹复制到 %2。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/app.py" line="143"/>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/app.py" line="154"/>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/app.py" line="155"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/app.py" line="156"/>
        <source>Restoring</source>
        <translation>正在恢复</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="191"/>
        <source>Daily</source>
        <translation>每日备份</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="191"/>
        <source>Before an upgrade</source>
        <translation>升级前备份</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="192"/>
        <source>Before a restore</source>
        <translation>恢复前备份</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="193"/>
        <source>Made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="193"/>
        <source>Other file</source>
        <translation>其他文件</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="198"/>
        <source>Back up into which folder?</source>
        <translation>备份到哪个文件夹？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="206"/>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="217"/>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="221"/>
        <source>Backed up to %1 (%2, checked: whole).</source>
        <translation>已备份到 %1（%2，已检查：完整）。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="233"/>
        <source>Checking the copy…</source>
        <translation>正在检查备份文件…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="235"/>
        <source>Upgrading the copy to this version…</source>
        <translation>正在把备份升级到本版本…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="236"/>
        <source>Copying… %1%</source>
        <translation>正在复制… %1%</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="241"/>
        <source>Restore from which backup?</source>
        <translation>从哪个备份恢复？</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="242"/>
        <source>River Patrol backups (*.db);;All files (*)</source>
        <translation>巡河助手备份 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="249"/>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="258"/>
        <source>Checking the backup</source>
        <translation>正在检查备份</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="267"/>
        <source>Restore the data from this backup?

%1
Newest record in it: %2
Patrols: %3 · photos: %4 · problems: %5

The data now in this folder is backed up first (in the backups folder, as &quot;before a restore&quot;). Anything recorded after the backup was made is then no longer shown. River Patrol closes this window, restores, and opens it again.</source>
        <translation>要用这个备份恢复数据吗？

%1
其中最新的记录：%2
巡河记录：%3 · 照片：%4 · 问题：%5

这个文件夹里现在的数据会先备份（在备份文件夹里，标为“恢复前备份”）。备份之后记录的内容恢复后就不再显示。巡河助手会关闭这个窗口，恢复数据，然后重新打开。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="276"/>
        <source>This backup is from another device: after the restore this laptop continues that device and must be enrolled with the office again before it can sync.</source>
        <translation>这个备份来自另一台设备：恢复后这台电脑就接着那台设备使用，要先在市河长办重新注册才能同步。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="278"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="279"/>
        <source>Restore and reopen</source>
        <translation>恢复并重新打开</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="280"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="283"/>
        <source>Nothing was restored.</source>
        <translation>没有恢复任何数据。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="291"/>
        <source>Restoring: River Patrol opens again in a moment…</source>
        <translation>正在恢复：巡河助手马上会重新打开…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="320"/>
        <source>Reaches: %1</source>
        <translation>负责河段：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="376"/>
        <source>%1 per %2</source>
        <translation>每%2 %1 次</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="379"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="380"/>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="386"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="387"/>
        <source>Who is using this laptop</source>
        <translation>谁在使用这台电脑</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="388"/>
        <source>&amp;Profile</source>
        <translation>使用者(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="389"/>
        <source>&amp;Edit profile…</source>
        <translation>修改档案(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="390"/>
        <source>&amp;New profile…</source>
        <translation>新建档案(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="391"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="392"/>
        <source>&amp;Interface language</source>
        <translation>界面语言(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="393"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="396"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="397"/>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="399"/>
        <source>Schema version %1 · device %2 · program version %3</source>
        <translation>数据版本 %1 · 设备 %2 · 程序版本 %3</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="404"/>
        <source>Patrol rules</source>
        <translation>巡河要求</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="406"/>
        <source>Chief level</source>
        <translation>河长级别</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="406"/>
        <source>At least</source>
        <translation>频次不少于</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="406"/>
        <source>Valid from</source>
        <translation>有效巡河时长</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="406"/>
        <source>and</source>
        <translation>有效巡河距离</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="410"/>
        <source>Set by the city river-chief office (Henan 2018 frequencies; the minimum time and distance of a valid patrol follow other provinces until Henan publishes its own).</source>
        <translation>由市河长办制定（频次依据河南省2018年要求；河南尚未公布有效巡河的最短时长和距离，暂参照外省做法）。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="416"/>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="417"/>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="417"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="417"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="418"/>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="419"/>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="420"/>
        <source>Backups folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="421"/>
        <source>River Patrol backs up the data every day it is opened (the last 7 are kept) and before every upgrade (the last 3).</source>
        <translation>巡河助手每天第一次打开时自动备份数据（保留最近 7 份），每次升级前也会备份（保留最近 3 份）。</translation>
    </message>
</context>
<context>
    <name>SyncKinds</name>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="48"/>
        <source>Patrol records</source>
        <translation>巡河记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="49"/>
        <source>Tracks</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="50"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="51"/>
        <source>Photo links</source>
        <translation>照片关联</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="52"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="53"/>
        <source>Problem steps</source>
        <translation>问题处理记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="54"/>
        <source>Covert inspections</source>
        <translation>暗访检查</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="55"/>
        <source>Maintenance logs</source>
        <translation>管护日志</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="274"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/pages/sync.py" line="275"/>
        <source>Waiting to upload: %n item(s)</source>
        <translation>
            <numerusform>待上传：%n 项</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="293"/>
        <source>The office refused these; the rest was uploaded without them. Correct the record (or ask the city office) and it is sent again with the next upload.</source>
        <translation>市河长办没有接收这些记录；其余的已经照常上传。把记录改正（或问市河长办）后，下次上传时会再发送。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="295"/>
        <source>The office has refused nothing.</source>
        <translation>没有被退回的记录。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/pages/sync.py" line="305"/>
        <source>Stopped. %n item(s) arrived; the rest is sent next time.</source>
        <translation>
            <numerusform>已停止。已送达 %n 项，其余的下次上传。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/pages/sync.py" line="312"/>
        <source>%n item(s) wait for their photos to arrive; they are sent next time.</source>
        <translation>
            <numerusform>有 %n 项在等它们的照片送达，下次上传时会发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/pages/sync.py" line="317"/>
        <source>Everything arrived at the city office (%n item(s) this time).</source>
        <translation>
            <numerusform>全部已送达市河长办（本次 %n 项）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="319"/>
        <source>Reached the city office at %1: nothing was waiting to be uploaded.</source>
        <translation>%1 已连上市河长办：没有需要上传的内容。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/pages/sync.py" line="322"/>
        <source>Received from the office: %n item(s).</source>
        <translation>
            <numerusform>从市河长办收到 %n 条。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/pages/sync.py" line="324"/>
        <source>New assignments for you: %n. See the task list (任务清单) on the Problems page.</source>
        <translation>
            <numerusform>新交办给您的问题：%n 件。请到“问题”页的任务清单查看。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/pages/sync.py" line="329"/>
        <source>Next automatic upload in about %n minute(s).</source>
        <translation>
            <numerusform>大约 %n 分钟后自动上传。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="331"/>
        <source>Automatic upload is paused until the problem above is solved.</source>
        <translation>自动上传已暂停，请先解决上面说的问题。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="342"/>
        <source>Enter the office address and the enrolment code from the city office.</source>
        <translation>请填写市河长办给的服务器地址和注册码。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="351"/>
        <source>Contacting the city office…</source>
        <translation>正在联系市河长办…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="404"/>
        <source>Connecting to the city office…</source>
        <translation>正在连接市河长办…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="412"/>
        <source>Stopping after the current item…</source>
        <translation>正在停止（当前这一项传完就停）…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="432"/>
        <source>%1 of %2 records, %3 of %4 photos, %5 sent (%6 KB/s)</source>
        <translation>记录 %1 / %2，照片 %3 / %4，已发送 %5（每秒 %6 KB）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="483"/>
        <source>Sync with the city office</source>
        <translation>上传到市河长办</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="484"/>
        <source>Records and photos are kept on this computer and sent to the city river chief office when there is a connection. Nothing is lost if the connection breaks: what did not arrive is sent again next time, never twice.</source>
        <translation>巡河记录和照片先保存在这台电脑上，有网络时再上传到市河长办。网络断了也不会丢：没送达的下次再发，不会重复。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="487"/>
        <source>Enrol this computer (once)</source>
        <translation>注册这台电脑（只需一次）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="488"/>
        <source>Office &amp;address:</source>
        <translation>服务器地址(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="490"/>
        <source>Enrolment &amp;code:</source>
        <translation>注册码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="492"/>
        <source>This computer&apos;s &amp;name:</source>
        <translation>电脑名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="493"/>
        <source>e.g. Linzhuang village laptop</source>
        <translation>例如：林庄村笔记本</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="494"/>
        <source>&amp;Enrol</source>
        <translation>注册(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="495"/>
        <source>City office</source>
        <translation>市河长办</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="496"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="497"/>
        <source>Last upload arrived:</source>
        <translation>上次送达：</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="498"/>
        <source>Waiting to upload</source>
        <translation>待上传</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="499"/>
        <location filename="../../patrol_app/ui/pages/sync.py" line="503"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="499"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="500"/>
        <source>&amp;Upload now</source>
        <translation>立即上传(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="501"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="502"/>
        <source>Refused by the office</source>
        <translation>被退回的记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="503"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/sync.py" line="503"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../patrol_app/ui/tasks.py" line="217"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TrackTab</name>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="106"/>
        <source>Choose a track file</source>
        <translation>选择轨迹文件</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="107"/>
        <source>Track files (%1);;All files (*)</source>
        <translation>轨迹文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="117"/>
        <source>No track.</source>
        <translation>没有轨迹。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="121"/>
        <source>Points: %1, segments: %2
Distance: %3
Moving time: %4
Reach covered: %5</source>
        <translation>轨迹点：%1，分段：%2
里程：%3
行进时间：%4
河段覆盖：%5</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="127"/>
        <source>%1 warning(s), %2 note(s):</source>
        <translation>提示 %1 条，说明 %2 条：</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="135"/>
        <source>No warnings: times, distance, speed and route look like a normal patrol.</source>
        <translation>没有提示：时间、里程、速度和路线都像一次正常巡河。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="143"/>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="143"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="149"/>
        <source>From a Chinese map app (GCJ-02)</source>
        <translation>来自国内地图软件（GCJ-02 坐标）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="150"/>
        <source>Tracks exported from Amap, Baidu or Tencent maps are shifted by a few hundred metres; tick this to shift them back.</source>
        <translation>高德、百度、腾讯等地图导出的轨迹会偏几百米；勾选后自动纠正。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="152"/>
        <source>Import track file…</source>
        <translation>导入轨迹文件…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="153"/>
        <source>Make a track from the photos&apos; positions</source>
        <translation>用照片位置生成轨迹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="154"/>
        <source>Remove track</source>
        <translation>移除轨迹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/patrol_editor/track_tab.py" line="102"/>
        <source>There is no track to remove.</source>
        <translation>还没有轨迹，不用移除。</translation>
    </message>
</context>
<context>
    <name>TrackView</name>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="246"/>
        <source>Reach</source>
        <translation>河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="247"/>
        <source>Track</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="248"/>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="249"/>
        <source>End</source>
        <translation>终点</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="250"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="251"/>
        <source>Flag</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="253"/>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="254"/>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="255"/>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="256"/>
        <source>Photo %1</source>
        <translation>照片 %1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="257"/>
        <source>No track yet: import a GPX/KML/NMEA file or make one from the photos&apos; positions.</source>
        <translation>还没有轨迹：请导入 GPX/KML/NMEA 文件，或用照片的位置生成轨迹。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/track_view.py" line="258"/>
        <source>Track map</source>
        <translation>轨迹图</translation>
    </message>
</context>
<context>
    <name>_SavingDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/problem.py" line="97"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
