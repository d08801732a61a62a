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
    <name>ImportResultDialog</name>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="46"/>
        <source>Photo import</source>
        <translation>照片导入</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="48"/>
        <source>The import stopped early.</source>
        <translation>导入提前停止了。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="50"/>
        <source>The import was cancelled; the photos imported so far are kept.</source>
        <translation>导入已取消，已经导入的照片都保留着。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="52"/>
        <source>The import is finished.</source>
        <translation>导入完成。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="55"/>
        <source>Imported %1, already in the library %2, skipped %3, failed %4.</source>
        <translation>新导入 %1 张，照片库里已有 %2 张，跳过 %3 个文件，失败 %4 个。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="59"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="59"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="59"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="61"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/dialogs/import_result.py" line="61"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="212"/>
        <source>Counting items waiting to upload…</source>
        <translation>正在统计待上传的条目…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../patrol_app/ui/main_window.py" line="214"/>
        <source>Waiting to upload: %n item(s)</source>
        <translation>
            <numerusform>待上传：%n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="216"/>
        <source>Last upload: never</source>
        <translation>上次上传：从未上传</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="219"/>
        <source>Last upload arrived: %1</source>
        <translation>上次上传已送达：%1</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="227"/>
        <source>User: %1 (%2)</source>
        <translation>当前使用者：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="231"/>
        <source>River Patrol</source>
        <translation>巡河助手</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="232"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="232"/>
        <source>Reaches</source>
        <translation>河段名录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="232"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/main_window.py" line="232"/>
        <source>Photos</source>
        <translation>照片</translation>
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
    <name>PhotosPage</name>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="166"/>
        <source>%1 photo(s) match.</source>
        <translation>共 %1 张照片符合条件。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="180"/>
        <source>Select a photo to see its details.</source>
        <translation>点一张照片，这里显示它的详细信息。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="190"/>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="190"/>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="190"/>
        <source>Camera</source>
        <translation>相机/手机</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="191"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="191"/>
        <source>Used in</source>
        <translation>用于</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="193"/>
        <location filename="../../patrol_app/ui/pages/photos.py" line="212"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="194"/>
        <source>time zone from the photo</source>
        <translation>时区取自照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="195"/>
        <source>time zone assumed: China Standard Time</source>
        <translation>照片未记录时区，按北京时间计</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="199"/>
        <source>The camera clock differs from GPS time by %1 minute(s).</source>
        <translation>相机时钟与卫星时间相差 %1 分钟，拍摄时间可能不准。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="202"/>
        <source>from the photo&apos;s GPS</source>
        <translation>取自照片自带的定位</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="202"/>
        <source>from the patrol track</source>
        <translation>根据巡河轨迹推算</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="203"/>
        <source>set by hand</source>
        <translation>手动设置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="210"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="217"/>
        <source>not yet</source>
        <translation>尚未使用</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="222"/>
        <source>patrol</source>
        <translation>巡河记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="222"/>
        <source>problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="223"/>
        <source>problem step</source>
        <translation>问题处置记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="229"/>
        <source>the photo&apos;s latitude is impossible</source>
        <translation>照片里的纬度不可能存在</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="230"/>
        <source>the photo&apos;s longitude is impossible</source>
        <translation>照片里的经度不可能存在</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="231"/>
        <source>the photo says 0, 0 (no real fix)</source>
        <translation>照片记录的是 0, 0（没有真正定位）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="232"/>
        <source>the photo&apos;s GPS values are not numbers</source>
        <translation>照片里的定位数值无效</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="233"/>
        <source>the photo&apos;s GPS values are broken (0/0)</source>
        <translation>照片里的定位数值已损坏（0/0）</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="234"/>
        <source>the photo has only half a position</source>
        <translation>照片只记录了一半的坐标</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="256"/>
        <source>Choose the folder with the photos</source>
        <translation>选择存放照片的文件夹</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="285"/>
        <source>%1 of %2 photos · %3 per second</source>
        <translation>已处理 %1 / %2 张 · 每秒 %3 张</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="288"/>
        <source>about %1 s left</source>
        <translation>大约还要 %1 秒</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="294"/>
        <source>Importing photos</source>
        <translation>正在导入照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="323"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="324"/>
        <source>&amp;Import a folder…</source>
        <translation>导入文件夹(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="326"/>
        <source>Copy the photos from the phone to this laptop, then import the folder — or drag photos or folders onto this page. The original files are not changed or moved.</source>
        <translation>先把手机里的照片拷到这台电脑上，再导入那个文件夹；也可以把照片或文件夹直接拖到这一页。原来的文件不会被改动或移走。</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="329"/>
        <source>Taken between</source>
        <translation>拍摄日期</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="330"/>
        <source>&amp;Position</source>
        <translation>位置(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="331"/>
        <source>&amp;Use</source>
        <translation>使用情况(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="333"/>
        <location filename="../../patrol_app/ui/pages/photos.py" line="334"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="333"/>
        <source>With position</source>
        <translation>有位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="333"/>
        <source>Without position</source>
        <translation>无位置</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="334"/>
        <source>Used in a record</source>
        <translation>已用于记录</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="334"/>
        <source>Not used yet</source>
        <translation>尚未使用</translation>
    </message>
    <message>
        <location filename="../../patrol_app/ui/pages/photos.py" line="338"/>
        <source>Set the position by &amp;hand…</source>
        <translation>手动设置位置(&amp;H)…</translation>
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
        <location filename="../../patrol_app/ui/tasks.py" line="194"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
