<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <source>Reach</source>
        <translation>河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="119"/>
        <location filename="../../patrol_app/ui/models.py" line="155"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="120"/>
        <source>Required</source>
        <translation>应巡</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="121"/>
        <source>Patrols</source>
        <translation>已巡</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/models.py" line="122"/>
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
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="91"/>
        <source>Counting patrols…</source>
        <translation>正在统计巡河记录…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="104"/>
        <source>Could not count the patrols.</source>
        <translation>未能统计巡河记录。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="125"/>
        <source>Hello, %1</source>
        <translation>%1，您好</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="144"/>
        <source>This period: %1 (%2 – %3), %4 day(s) left</source>
        <translation>本期：%1（%2 至 %3），还剩 %4 天</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="153"/>
        <source>Rule for %1 chiefs: at least %2 patrol(s) per %3; a patrol counts as valid from %4 min and %5 km.</source>
        <translation>%1河长巡河要求：每%3不少于 %2 次；每次不少于 %4 分钟、%5 公里才算有效巡河。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="165"/>
        <source>%1 of your reaches are demo reaches: fictional, with an approximate course. The real register comes from the city river-chief office.</source>
        <translation>您的河段中有 %1 段是示例河段：虚构数据，走向为示意。正式河段名录由市河长办下发。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="174"/>
        <source>Counted at %1. Drafts are not counted until they are finalised.</source>
        <translation>%1 统计。草稿在提交定稿前不计入。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="180"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="181"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="182"/>
        <source>Count the patrols again (F5)</source>
        <translation>重新统计巡河记录（F5）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="183"/>
        <source>My reaches</source>
        <translation>我的河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="184"/>
        <source>Patrols required this period</source>
        <translation>本期应巡次数</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="185"/>
        <source>Valid patrols / required</source>
        <translation>有效巡河 / 应巡</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="186"/>
        <source>Overdue reaches (last period missed)</source>
        <translation>逾期河段（上期未巡）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/home.py" line="187"/>
        <source>My reaches this period</source>
        <translation>本期各河段巡河情况</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="200"/>
        <source>Counting items waiting to upload…</source>
        <translation>正在统计待上传的条目…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/main_window.py" line="202"/>
        <source>Waiting to upload: %n item(s)</source>
        <translation>
            <numerusform>待上传：%n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="204"/>
        <source>Last upload: never</source>
        <translation>上次上传：从未上传</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="207"/>
        <source>Last upload arrived: %1</source>
        <translation>上次上传已送达：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="215"/>
        <source>User: %1 (%2)</source>
        <translation>当前使用者：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="219"/>
        <source>River Patrol</source>
        <translation>巡河助手</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="220"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="220"/>
        <source>Reaches</source>
        <translation>河段名录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="220"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/messages.py" line="15"/>
        <source>River Patrol</source>
        <translation>巡河助手</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/messages.py" line="24"/>
        <source>Something went wrong inside the program. Your saved data is safe. Please send the details below to the city river-chief office.</source>
        <translation>程序内部出错了。已保存的数据不受影响。请把下面的详细信息发给市河长办。</translation>
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
    <name>ProfileDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="132"/>
        <source>Welcome to River Patrol</source>
        <translation>欢迎使用巡河助手</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="135"/>
        <source>Before you start, tell us who uses this laptop and which river reaches you look after. You can change this later in Settings.</source>
        <translation>开始之前，请告诉我们谁在使用这台电脑、负责哪些河段。以后可以在“设置”里修改。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="140"/>
        <source>Profile</source>
        <translation>使用者档案</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="140"/>
        <source>New profile</source>
        <translation>新建使用者档案</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="141"/>
        <source>Who uses this laptop and which river reaches they look after.</source>
        <translation>谁在使用这台电脑，负责哪些河段。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="142"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="143"/>
        <source>&amp;Role</source>
        <translation>身份(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="144"/>
        <source>&amp;Level</source>
        <translation>级别(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="145"/>
        <source>&amp;Unit</source>
        <translation>单位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="146"/>
        <source>R&amp;eaches</source>
        <translation>负责河段(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="147"/>
        <source>Your full name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="148"/>
        <source>Village, township or department</source>
        <translation>村、乡镇或单位名称</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="149"/>
        <source>Search by river, township, village or code</source>
        <translation>按河流、乡镇、村或编码查找</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="154"/>
        <source>demo</source>
        <translation>示例</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="161"/>
        <source>Start</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="161"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="163"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="163"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="214"/>
        <source>%n reach(es) selected</source>
        <translation>
            <numerusform>已选 %n 段</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="220"/>
        <source>Please enter your name.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/profile.py" line="224"/>
        <source>Please tick at least one reach that you look after.</source>
        <translation>请至少勾选一个您负责的河段。</translation>
    </message>
</context>
<context>
    <name>ReachesPage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="102"/>
        <source>No reach matches the search.</source>
        <translation>没有符合条件的河段。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="108"/>
        <source>%1 reach(es) shown, %2 of them demo reaches (fictional, approximate course).</source>
        <translation>共显示 %1 段，其中示例河段 %2 段（虚构数据，走向为示意）。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="121"/>
        <source>Demo reach</source>
        <translation>示例河段</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="122"/>
        <source>fictional, its course is approximate, not survey data.</source>
        <translation>虚构数据，走向为示意，不是测绘成果。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="123"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="123"/>
        <source>River / reservoir</source>
        <translation>河流/水库</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="123"/>
        <source>Place</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="125"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="126"/>
        <source>River chiefs</source>
        <translation>河长</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="127"/>
        <source>Liaison units</source>
        <translation>对口联系单位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="129"/>
        <source>none recorded</source>
        <translation>暂无记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="144"/>
        <source>Reaches</source>
        <translation>河段名录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="145"/>
        <source>&amp;Search</source>
        <translation>查找(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="146"/>
        <source>River, township, village, chief or code</source>
        <translation>河流、乡镇、村、河长姓名或编码</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="147"/>
        <source>&amp;River</source>
        <translation>河湖(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/reaches.py" line="148"/>
        <source>All rivers and reservoirs</source>
        <translation>全部河流和水库</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="146"/>
        <source>Reaches: %1</source>
        <translation>负责河段：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="202"/>
        <source>%1 per %2</source>
        <translation>每%2 %1 次</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="205"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="206"/>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="212"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="213"/>
        <source>Who is using this laptop</source>
        <translation>谁在使用这台电脑</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="214"/>
        <source>&amp;Profile</source>
        <translation>使用者(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="215"/>
        <source>&amp;Edit profile…</source>
        <translation>修改档案(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="216"/>
        <source>&amp;New profile…</source>
        <translation>新建档案(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="217"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="218"/>
        <source>&amp;Interface language</source>
        <translation>界面语言(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="219"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="222"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="223"/>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="225"/>
        <source>Schema version %1 · device %2 · program version %3</source>
        <translation>数据版本 %1 · 设备 %2 · 程序版本 %3</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="230"/>
        <source>Patrol rules</source>
        <translation>巡河要求</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="232"/>
        <source>Chief level</source>
        <translation>河长级别</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="232"/>
        <source>At least</source>
        <translation>频次不少于</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="232"/>
        <source>Valid from</source>
        <translation>有效巡河时长</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="232"/>
        <source>and</source>
        <translation>有效巡河距离</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/settings.py" line="236"/>
        <source>Set by the city river-chief office (Henan 2018 frequencies; the minimum time and distance of a valid patrol follow other provinces until Henan publishes its own).</source>
        <translation>由市河长办制定（频次依据河南省2018年要求；河南尚未公布有效巡河的最短时长和距离，暂参照外省做法）。</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../patrol_app/ui/tasks.py" line="188"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
