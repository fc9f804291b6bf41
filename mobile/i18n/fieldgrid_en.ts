<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AddressPage</name>
    <message>
        <source>全部街路巷</source>
        <translation>All roads</translation>
    </message>
    <message>
        <source>%1人在住</source>
        <translation>%1 living here</translation>
    </message>
    <message>
        <source>走访</source>
        <translation>Visit</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>搜索：证件号、姓名、拼音、首字母、电话、地址</source>
        <translation>Search: ID number, name, pinyin, initials, phone, address</translation>
    </message>
    <message>
        <source>在住人口</source>
        <translation>Residents</translation>
    </message>
    <message>
        <source>实有房屋</source>
        <translation>Houses</translation>
    </message>
    <message>
        <source>实有单位</source>
        <translation>Units</translation>
    </message>
    <message>
        <source>本月兜底翻</source>
        <translation>This month's sweep</translation>
    </message>
    <message>
        <source>待办任务</source>
        <translation>Open tasks</translation>
    </message>
    <message>
        <source>逾期 %1</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <source>待核查人员</source>
        <translation>To verify</translation>
    </message>
    <message>
        <source>重点房屋</source>
        <translation>Key houses</translation>
    </message>
    <message>
        <source>疑似群租</source>
        <translation>Suspected group rentals</translation>
    </message>
    <message>
        <source>地址浏览</source>
        <translation>Addresses</translation>
    </message>
    <message>
        <source>核查任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>待核查人员与重点房屋</source>
        <translation>To verify and key houses</translation>
    </message>
    <message>
        <source>走访重点房屋</source>
        <translation>Visit a key house</translation>
    </message>
    <message>
        <source>本网格在住人员（%1）</source>
        <translation>Residents of my grid (%1)</translation>
    </message>
</context>
<context>
    <name>HousePage</name>
    <message>
        <source>%1 · %2 · %3间 · %4人在住</source>
        <translation>%1 · %2 · %3 rooms · %4 living here</translation>
    </message>
    <message>
        <source>已核实</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>仍在住</source>
        <translation>Still lives here</translation>
    </message>
    <message>
        <source>已迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <source>新增人员</source>
        <translation>New resident</translation>
    </message>
    <message>
        <source>拒绝登记</source>
        <translation>Refused registration</translation>
    </message>
    <message>
        <source>已核查</source>
        <translation>Checked</translation>
    </message>
    <message>
        <source>无人在家</source>
        <translation>Nobody home</translation>
    </message>
    <message>
        <source>拒绝配合</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>保存走访</source>
        <translation>Save visit</translation>
    </message>
    <message>
        <source>登记迁出</source>
        <translation>Record moving out</translation>
    </message>
    <message>
        <source>离开日期 YYYY-MM-DD</source>
        <translation>Leave date YYYY-MM-DD</translation>
    </message>
    <message>
        <source>去往地</source>
        <translation>Destination</translation>
    </message>
    <message>
        <source>拒绝登记，报告民警</source>
        <translation>Refused registration: report to police</translation>
    </message>
    <message>
        <source>姓名或称呼</source>
        <translation>Name or how they are called</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>What happened</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>一标三实 · 网格采集</source>
        <translation>Address &amp; People Register · Grid Collection</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>一标三实 · 网格采集</source>
        <translation>Address &amp; People Register · Grid Collection</translation>
    </message>
</context>
<context>
    <name>PolicePage</name>
    <message>
        <source>核查（%1）</source>
        <translation>To verify (%1)</translation>
    </message>
    <message>
        <source>重点房屋（%1）</source>
        <translation>Key houses (%1)</translation>
    </message>
    <message>
        <source>%1人</source>
        <translation>%1 people</translation>
    </message>
    <message>
        <source>越权查询（需填写事由，有效2小时，全程留痕）</source>
        <translation>Look outside my area (reason required, 2 hours, audited)</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>查询事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>（%1前有效）</source>
        <translation> (until %1)</translation>
    </message>
    <message>
        <source>核查结果</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>属实，已处置</source>
        <translation>Confirmed, handled</translation>
    </message>
    <message>
        <source>不属实，已排除</source>
        <translation>Not confirmed, cleared</translation>
    </message>
    <message>
        <source>核查情况</source>
        <translation>Findings</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>信用代码</source>
        <translation>credit code</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>拼音</source>
        <translation>pinyin</translation>
    </message>
    <message>
        <source>首字母</source>
        <translation>initials</translation>
    </message>
    <message>
        <source>单位名称</source>
        <translation>unit name</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>address</translation>
    </message>
    <message>
        <source>离线登录：联网后将自动同步</source>
        <translation>Logged in offline: sync runs when the network is back</translation>
    </message>
    <message>
        <source>此设备已被停用，本机数据已清除</source>
        <translation>This device was revoked; its data was erased</translation>
    </message>
    <message>
        <source>无法连接服务器，且本机尚未在线登录过此账号</source>
        <translation>Cannot reach the server, and this account has never logged in online on this device</translation>
    </message>
    <message>
        <source>用户名或密码错误</source>
        <translation>Wrong user name or password</translation>
    </message>
</context>
<context>
    <name>ResidentForm</name>
    <message>
        <source>新增人员</source>
        <translation>New resident</translation>
    </message>
    <message>
        <source>居民身份证</source>
        <translation>Resident ID card</translation>
    </message>
    <message>
        <source>港澳居民居住证</source>
        <translation>HK/Macao residence permit</translation>
    </message>
    <message>
        <source>台湾居民居住证</source>
        <translation>Taiwan residence permit</translation>
    </message>
    <message>
        <source>外国人永久居留身份证</source>
        <translation>Foreigner's permanent residence card</translation>
    </message>
    <message>
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>出生日期 %1 · 性别 %2</source>
        <translation>Born %1 · %2</translation>
    </message>
    <message>
        <source>此人已登记：%1（%2）。保存将为其添加本地址的居住登记。</source>
        <translation>Already registered: %1 (%2). Saving adds a residence at this address.</translation>
    </message>
    <message>
        <source>无居住地址</source>
        <translation>no address</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <source>来沪人员</source>
        <translation>Migrant</translation>
    </message>
    <message>
        <source>户籍人口</source>
        <translation>Local hukou</translation>
    </message>
    <message>
        <source>境外人员</source>
        <translation>Foreigner</translation>
    </message>
    <message>
        <source>未落户人员</source>
        <translation>Unregistered hukou</translation>
    </message>
    <message>
        <source>入住日期 YYYY-MM-DD</source>
        <translation>Move-in date YYYY-MM-DD</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>证件号、姓名、拼音、首字母、电话、地址</source>
        <translation>ID number, name, pinyin, initials, phone, address</translation>
    </message>
    <message>
        <source>没有找到匹配的记录</source>
        <translation>No matching records</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>保存失败，请稍后重试（%1）</source>
        <translation>Could not save, please try again (%1)</translation>
    </message>
    <message>
        <source>数据库未打开</source>
        <translation>Database not open</translation>
    </message>
    <message>
        <source>在住</source>
        <translation>living here</translation>
    </message>
    <message>
        <source>男</source>
        <translation>male</translation>
    </message>
    <message>
        <source>女</source>
        <translation>female</translation>
    </message>
    <message>
        <source>记录编号无效</source>
        <translation>Invalid record id</translation>
    </message>
    <message>
        <source>地址无效</source>
        <translation>Invalid address</translation>
    </message>
    <message>
        <source>拒绝登记：%1。%2</source>
        <translation>Refused registration: %1. %2</translation>
    </message>
    <message>
        <source>房屋无效</source>
        <translation>Invalid house</translation>
    </message>
    <message>
        <source>房屋不存在</source>
        <translation>No such house</translation>
    </message>
    <message>
        <source>仅社区民警可核查</source>
        <translation>Only community police can verify</translation>
    </message>
    <message>
        <source>仅社区民警可越权查询</source>
        <translation>Only community police can look outside their area</translation>
    </message>
    <message>
        <source>请填写查询事由</source>
        <translation>Please give a reason</translation>
    </message>
    <message>
        <source>请填写反馈</source>
        <translation>Please write an answer</translation>
    </message>
    <message>
        <source>冲突编号无效</source>
        <translation>Invalid conflict id</translation>
    </message>
    <message>
        <source>无法保存所选的值</source>
        <translation>Could not save the chosen value</translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>上传中</source>
        <translation>Uploading</translation>
    </message>
    <message>
        <source>下载中</source>
        <translation>Downloading</translation>
    </message>
    <message>
        <source>离线</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>同步出错</source>
        <translation>Sync error</translation>
    </message>
    <message>
        <source>有冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>待上传</source>
        <translation>To upload</translation>
    </message>
    <message>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>refused</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>数据同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>状态：%1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <source>待上传：%1 条</source>
        <translation>Waiting to upload: %1</translation>
    </message>
    <message>
        <source>上次成功：%1</source>
        <translation>Last success: %1</translation>
    </message>
    <message>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <source>上次错误：%1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <source>被退回的修改（%1）</source>
        <translation>Refused changes (%1)</translation>
    </message>
    <message>
        <source>待处理的冲突（%1）</source>
        <translation>Conflicts to resolve (%1)</translation>
    </message>
    <message>
        <source>我的：%1</source>
        <translation>Mine: %1</translation>
    </message>
    <message>
        <source>对方：%1</source>
        <translation>Theirs: %1</translation>
    </message>
    <message>
        <source>保留我的</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <source>采用对方</source>
        <translation>Take theirs</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>核查任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>期限 %1 · %2下发</source>
        <translation>Due %1 · from %2</translation>
    </message>
    <message>
        <source>反馈：%1</source>
        <translation>Answer: %1</translation>
    </message>
    <message>
        <source>签收</source>
        <translation>Receive</translation>
    </message>
    <message>
        <source>核查反馈</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>反馈</source>
        <translation>Answer</translation>
    </message>
</context>
</TS>
