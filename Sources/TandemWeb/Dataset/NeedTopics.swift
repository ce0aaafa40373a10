import Foundation

/// The needs a company raises, by the department that provides them (see `NeedTopic`).
extension NeedTopic {
    static let all: [NeedTopic] = informationTechnology + people + money + workplace + business

    static let informationTechnology: [NeedTopic] = [
        NeedTopic(
            "printer-jam", "IT", .technology,
            zh: ["打印机卡纸", "{place}的打印机又卡纸了", "三楼彩色打印机卡纸无法打印"],
            en: ["Printer keeps jamming", "Paper jam in the {place} printer"],
            detail: ["打印机每打几页就卡纸，已经试过重新放纸，还是不行。", "会议材料急着打印，打印机一直提示卡纸。"],
            detailEnglish: ["The printer jams every few pages, reloading the paper did not help."]),
        NeedTopic(
            "printer-toner", "IT", .resource,
            zh: ["打印机墨盒没墨了", "更换{place}打印机硒鼓", "申请打印机墨粉"],
            en: ["Printer toner is empty", "Replace the toner cartridge on floor {n}"],
            detail: ["打印出来的字很淡，应该是墨粉用完了。", "硒鼓提示寿命已到，请帮忙更换。"],
            detailEnglish: ["Printouts are faded; the toner seems to be empty."]),
        NeedTopic(
            "printer-driver", "IT", .technology,
            zh: ["新电脑装不上打印机驱动", "连接不上网络打印机"],
            en: ["Cannot install the printer driver", "Network printer not found"],
            detail: ["换了新笔记本以后找不到网络打印机，驱动安装失败。"],
            detailEnglish: ["After moving to the new laptop the network printer is not found and the driver fails to install."]),
        NeedTopic(
            "laptop-replace", "IT", .resource,
            zh: ["更换笔记本电脑", "笔记本电脑太卡申请更换", "{place}新员工笔记本电脑配置"],
            en: ["Replace my laptop", "Laptop for a new hire in {place}"],
            detail: ["电脑用了五年，开机要十分钟，经常死机。", "新同事下周一入职，需要一台配置好的笔记本。"],
            detailEnglish: ["The laptop is five years old and freezes several times a day."]),
        NeedTopic(
            "vpn-access", "IT", .technology,
            zh: ["申请开通 VPN 账号", "VPN 连不上", "出差期间需要远程访问内网"],
            en: ["VPN access for remote work", "VPN keeps disconnecting"],
            detail: ["下周出差，需要在外面访问公司内网的系统。", "VPN 客户端提示认证失败，密码没有改过。"],
            detailEnglish: ["I travel next week and need to reach the intranet from outside."]),
        NeedTopic(
            "mail-mailbox", "IT", .technology,
            zh: ["邮箱容量已满", "申请部门公共邮箱", "收不到外部邮件"],
            en: ["Mailbox is full", "Shared mailbox for the team"],
            detail: ["邮箱提示容量已满，新邮件收不进来。", "客户说发来的邮件被退回了。"],
            detailEnglish: ["Outlook says the mailbox is full and new mail bounces."]),
        NeedTopic(
            "password-reset", "IT", .technology,
            zh: ["域账号被锁定", "忘记系统密码需要重置", "账号密码重置"],
            en: ["Account locked out", "Reset my password"],
            detail: ["输错几次密码以后账号被锁了，现在什么系统都登不上。"],
            detailEnglish: ["I mistyped my password a few times and now the account is locked."]),
        NeedTopic(
            "erp-permission", "IT", .technology,
            zh: ["开通 ERP 采购模块权限", "ERP 权限申请", "ERP 系统登录报错"],
            en: ["ERP access for purchasing", "ERP login error"],
            detail: ["岗位调整后需要在 ERP 里做采购订单审批。", "登录 ERP 时提示没有权限访问该模块。"],
            detailEnglish: ["After my role change I need to approve purchase orders in the ERP."]),
        NeedTopic(
            "crm-account", "IT", .technology,
            zh: ["新销售开通 CRM 账号", "CRM 客户数据导不出来"],
            en: ["CRM account for a new sales rep", "Cannot export customers from the CRM"],
            detail: ["新来的销售需要 CRM 账号，跟进{place}的客户。", "导出客户列表时 CRM 一直转圈，最后超时。"],
            detailEnglish: ["The new sales rep needs a CRM account to follow up customers."]),
        NeedTopic(
            "wifi", "IT", .technology,
            zh: ["会议室 WiFi 信号很差", "访客无线网络密码"],
            en: ["Wi-Fi is very slow in the meeting room", "Guest Wi-Fi for visitors"],
            detail: ["大会议室里无线网络经常断，视频会议卡顿。"],
            detailEnglish: ["The Wi-Fi drops in the large meeting room and video calls stutter."]),
        NeedTopic(
            "projector", "IT", .technology,
            zh: ["会议室投影仪没有信号", "投影仪连不上笔记本"],
            en: ["Projector shows no signal", "Projector will not connect to my laptop"],
            detail: ["投影仪接上 HDMI 以后一直显示无信号，下午要给客户演示。"],
            detailEnglish: ["The projector shows no signal over HDMI; we present to a client this afternoon."]),
        NeedTopic(
            "software-license", "IT", .resource,
            zh: ["采购 Office 正版授权", "申请 Adobe 软件许可", "软件许可证到期续费"],
            en: ["Software licence renewal", "Licence for Adobe Creative Cloud"],
            detail: ["设计组的软件许可证下个月到期，需要续费。", "新同事电脑上的 Office 提示未激活。"],
            detailEnglish: ["The design team's licences expire next month."]),
        NeedTopic(
            "ai-tools", "IT", .technology, .rising,
            zh: ["申请 AI 编程助手账号", "开通大模型 API 调用额度", "部门试用 AI 写作工具"],
            en: ["Access to an AI coding assistant", "LLM API quota for our team"],
            detail: ["团队想试用 AI 助手提高写代码和写文档的效率。", "做客服问答机器人需要大模型接口的调用额度。"],
            detailEnglish: ["The team wants to try an AI assistant for code and documents."]),
        NeedTopic(
            "data-backup", "OPS", .technology,
            zh: ["共享盘文件误删需要恢复", "服务器数据备份策略"],
            en: ["Restore deleted files from the shared drive", "Backup plan for the file server"],
            detail: ["昨天下午误删了共享盘里的项目文件夹，请帮忙从备份恢复。"],
            detailEnglish: ["A project folder was deleted from the shared drive yesterday afternoon."]),
        NeedTopic(
            "server-capacity", "OPS", .technology,
            zh: ["测试服务器磁盘空间不足", "申请一台云服务器"],
            en: ["Test server is out of disk space", "A cloud server for the pilot"],
            detail: ["测试环境磁盘占用 98%，构建一直失败。"],
            detailEnglish: ["The test server's disk is 98% full and builds fail."]),
        NeedTopic(
            "security-phishing", "SEC", .service,
            zh: ["收到可疑的钓鱼邮件", "电脑可能中了病毒"],
            en: ["Suspicious phishing e-mail", "My computer may have a virus"],
            detail: ["收到一封冒充财务的邮件，要求点链接修改银行账号。"],
            detailEnglish: ["An e-mail pretending to be from Finance asks me to change bank details via a link."]),
        NeedTopic(
            "dashboard", "DATA", .information,
            zh: ["搭建销售数据看板", "{place}月度经营数据看板", "看板数据不更新"],
            en: ["Sales dashboard for {place}", "Dashboard data is not refreshing"],
            detail: ["希望每周一自动更新各区域的销量和回款。", "看板上的数据停在上周五，没有更新。"],
            detailEnglish: ["We need weekly sales and collections by region, refreshed every Monday."]),
        NeedTopic(
            "sales-figures", "DATA", .information,
            zh: ["导出{place}季度销量", "{place}季度销售数据", "各区域上月销售额对比"],
            en: ["Quarterly sales figures for {place}", "Export last month's sales by region"],
            detail: ["经营会议要用，按产品线和城市拆分。", "请按月汇总销量、销售额和毛利。"],
            detailEnglish: ["For the business review, split by product line and city."]),
        NeedTopic(
            "customer-analysis", "DATA", .information,
            zh: ["分析客户流失原因", "老客户复购率分析"],
            en: ["Customer churn analysis", "Repeat purchase rate of existing customers"],
            detail: ["最近两个季度流失的客户变多，想看看是哪些行业。"],
            detailEnglish: ["Churn rose over the last two quarters; which industries?"]),
    ]

    static let people: [NeedTopic] = [
        NeedTopic(
            "hire-sales", "HR", .service,
            zh: ["招聘两名销售代表", "{place}招聘销售代表", "急招大客户销售"],
            en: ["Hire two sales representatives", "Recruit a key account manager for {place}"],
            detail: ["{place}业务扩张，需要两名有行业经验的销售代表。", "原来的销售离职了，客户没人跟进。"],
            detailEnglish: ["Business in {place} is growing; we need two experienced sales reps."]),
        NeedTopic(
            "hire-engineer", "HR", .service,
            zh: ["招聘后端开发工程师", "补招测试工程师"],
            en: ["Hire a backend engineer", "Recruit a QA engineer"],
            detail: ["新项目缺两名后端开发，要求熟悉 Java 或 Go。"],
            detailEnglish: ["The new project needs two backend developers with Java or Go."]),
        NeedTopic(
            "interns", "HR", .service, .recent,
            zh: ["寒假实习生招聘", "申请实习生名额"],
            en: ["Winter interns", "Intern headcount for our team"],
            detail: ["寒假期间需要三名实习生协助整理资料。"],
            detailEnglish: ["We need three interns over the winter break."]),
        NeedTopic(
            "onboarding", "HR", .service,
            zh: ["新员工入职手续", "新人入职培训安排"],
            en: ["Onboarding for a new hire", "Induction training schedule"],
            detail: ["下周一有两位新同事入职，请准备工牌、合同和入职培训。"],
            detailEnglish: ["Two colleagues start on Monday: badges, contracts and induction, please."]),
        NeedTopic(
            "resignation", "HR", .service,
            zh: ["员工离职交接手续", "开具离职证明"],
            en: ["Leaver handover", "Certificate of employment for a leaver"],
            detail: ["同事月底离职，需要办理交接和社保转出。"],
            detailEnglish: ["A colleague leaves at the end of the month."]),
        NeedTopic(
            "employment-certificate", "HR", .information,
            zh: ["开具在职证明", "办签证需要收入证明"],
            en: ["Employment certificate", "Proof of income for a visa"],
            detail: ["办理签证需要中英文在职证明和收入证明。"],
            detailEnglish: ["The visa application needs a certificate of employment and income in English."]),
        NeedTopic(
            "training-course", "TRAIN", .service,
            zh: ["安排 Excel 数据分析培训", "新任经理领导力培训", "销售技巧培训课程"],
            en: ["Excel training for the team", "Leadership course for new managers"],
            detail: ["部门有十几个人想系统学一下数据透视表和图表。"],
            detailEnglish: ["About a dozen people want to learn pivot tables and charts properly."]),
        NeedTopic(
            "performance-review", "HR", .information,
            zh: ["年度绩效考核表模板", "绩效评估结果申诉"],
            en: ["Annual performance review template", "Appeal a performance rating"],
            detail: ["年底考核要用新的评分表，请提供模板和填写说明。"],
            detailEnglish: ["The year-end review needs the new rating form."]),
        NeedTopic(
            "payroll-question", "HR", .information,
            zh: ["工资少发了加班费", "个税扣除有疑问", "查询社保缴纳记录"],
            en: ["Overtime missing from my salary", "Question about my tax deduction"],
            detail: ["十月的加班费没有发，考勤记录里是有的。"],
            detailEnglish: ["October's overtime was not paid, though it is in the attendance record."]),
        NeedTopic(
            "year-end-bonus", "HR", .information, .recent,
            zh: ["年终奖核算口径", "年终奖发放时间"],
            en: ["Year-end bonus calculation", "When is the year-end bonus paid"],
            detail: ["请说明今年年终奖的核算口径和发放时间。"],
            detailEnglish: ["Please explain how this year's bonus is calculated and when it is paid."]),
        NeedTopic(
            "team-building", "HR", .service,
            zh: ["组织部门团建活动", "年会节目排练场地"],
            en: ["Team building event", "Venue to rehearse for the annual party"],
            detail: ["季度团建想去郊外，三十人左右，预算人均三百。"],
            detailEnglish: ["A quarterly outing for about thirty people."]),
    ]

    static let money: [NeedTopic] = [
        NeedTopic(
            "expense-claim", "FIN", .service,
            zh: ["差旅费报销", "报销单被退回", "{place}出差报销进度"],
            en: ["Travel expense claim", "My expense claim was returned"],
            detail: ["上个月去{place}出差的机票和酒店发票已经提交，还没有到账。", "报销单提示发票抬头不对被退回了。"],
            detailEnglish: ["I submitted flight and hotel receipts last month and have not been paid."]),
        NeedTopic(
            "invoice", "FIN", .service,
            zh: ["开具增值税专用发票", "客户要求重开发票", "发票抬头填错了"],
            en: ["Issue a VAT invoice", "Customer asks for a corrected invoice"],
            detail: ["客户需要增值税专票，开票信息已经附上。", "发票上的税号少了一位，客户要求重开。"],
            detailEnglish: ["The customer needs a special VAT invoice; billing details attached."]),
        NeedTopic(
            "budget", "FIN", .resource,
            zh: ["申请追加市场推广预算", "下年度部门预算编制", "预算调整审批"],
            en: ["Extra marketing budget", "Next year's department budget"],
            detail: ["展会费用超出原预算，需要追加十万元。", "请提供明年预算编制的模板和时间表。"],
            detailEnglish: ["The trade show costs more than planned; we need extra budget."]),
        NeedTopic(
            "payment", "FIN", .service,
            zh: ["供应商付款申请", "加急支付供应商货款"],
            en: ["Pay a supplier", "Urgent payment to a supplier"],
            detail: ["供应商已经催了三次，合同约定的付款期限是本月底。"],
            detailEnglish: ["The supplier has chased three times; the contract says end of month."]),
        NeedTopic(
            "audit-files", "AUDIT", .information,
            zh: ["提供年度审计资料", "配合内部审计抽查凭证"],
            en: ["Documents for the annual audit", "Vouchers for the internal audit sample"],
            detail: ["审计师需要上半年的合同、发票和付款凭证。"],
            detailEnglish: ["The auditors need the first half's contracts, invoices and payment vouchers."]),
        NeedTopic(
            "cost-report", "FIN", .information,
            zh: ["项目成本核算报表", "部门费用明细"],
            en: ["Project cost report", "Breakdown of department expenses"],
            detail: ["想看一下项目从立项到现在的人工和采购成本。"],
            detailEnglish: ["Labour and purchasing costs of the project since it started."]),
    ]

    static let workplace: [NeedTopic] = [
        NeedTopic(
            "meeting-room", "ADMIN", .resource,
            zh: ["预订大会议室", "{place}会议室预订", "客户来访需要会议室"],
            en: ["Book the large meeting room", "Meeting room for a client visit"],
            detail: ["周四下午客户来访，需要能坐二十人的会议室和茶歇。"],
            detailEnglish: ["A client visits on Thursday afternoon: a room for twenty and refreshments."]),
        NeedTopic(
            "office-supplies", "ADMIN", .resource,
            zh: ["领用办公用品", "申请文件柜和办公桌椅"],
            en: ["Office supplies", "A filing cabinet and a desk"],
            detail: ["需要笔记本、签字笔和文件夹各十份。"],
            detailEnglish: ["Ten notebooks, pens and folders each."]),
        NeedTopic(
            "access-card", "ADMIN", .resource,
            zh: ["门禁卡丢失补办", "开通{place}门禁权限"],
            en: ["Lost access card", "Door access for the {place} office"],
            detail: ["门禁卡丢了，进不了办公区，需要补办一张。"],
            detailEnglish: ["I lost my access card and cannot enter the office."]),
        NeedTopic(
            "air-conditioning", "ADMIN", .service,
            zh: ["办公室空调不制冷", "空调漏水"],
            en: ["Air conditioning not cooling", "Air conditioner is leaking"],
            detail: ["三楼东侧空调一直吹热风，下午特别闷。"],
            detailEnglish: ["The air conditioning on the third floor blows warm air."]),
        NeedTopic(
            "business-travel", "ADMIN", .service,
            zh: ["预订{place}出差机票酒店", "出差住宿安排"],
            en: ["Book flights and hotel for {place}", "Hotel for a business trip"],
            detail: ["下周二到周四去{place}拜访客户，需要订机票和酒店。"],
            detailEnglish: ["Visiting customers in {place} Tuesday to Thursday next week."]),
        NeedTopic(
            "company-car", "ADMIN", .resource,
            zh: ["申请公司用车", "接送客户用车"],
            en: ["Company car", "Pick up a client from the airport"],
            detail: ["明天上午九点去机场接客户，需要一辆七座车。"],
            detailEnglish: ["Pick up a client at the airport tomorrow at nine."]),
        NeedTopic(
            "office-move", "ADMIN", .service,
            zh: ["部门搬迁到新办公室", "工位调整"],
            en: ["Move the team to the new office", "Rearrange desks"],
            detail: ["下个月部门搬到五楼，需要安排搬家和网络。"],
            detailEnglish: ["The team moves to the fifth floor next month."]),
        NeedTopic(
            "masks-epidemic", "ADMIN", .resource, .falling,
            zh: ["领取口罩和消毒用品", "办公区消毒安排"],
            en: ["Masks and disinfectant", "Office disinfection"],
            detail: ["流感高发，想给部门领一些口罩和免洗洗手液。"],
            detailEnglish: ["Flu season: masks and hand sanitiser for the team."]),
        NeedTopic(
            "shipping", "LOG", .service,
            zh: ["寄送样品给客户", "{place}仓库发货延迟", "查询物流单号"],
            en: ["Ship samples to a customer", "Delayed shipment from the {place} warehouse"],
            detail: ["客户催货，订单显示已出库但一直没有物流信息。"],
            detailEnglish: ["The order shows as dispatched but has no tracking information."]),
    ]

    static let business: [NeedTopic] = [
        NeedTopic(
            "contract-review", "LEGAL", .service,
            zh: ["审核客户合同", "合同条款法务审核", "{place}经销商合同审核"],
            en: ["Review a customer contract", "Legal review of the distributor agreement"],
            detail: ["客户改了违约责任和付款条款，请法务看一下风险。", "合同下周签，请重点看保密和知识产权条款。"],
            detailEnglish: ["The customer changed the liability and payment terms; please review."]),
        NeedTopic(
            "nda", "LEGAL", .service,
            zh: ["签署保密协议", "提供保密协议模板"],
            en: ["Sign an NDA", "NDA template"],
            detail: ["和潜在合作方开会前需要先签保密协议。"],
            detailEnglish: ["We must sign an NDA before meeting the prospective partner."]),
        NeedTopic(
            "trademark", "LEGAL", .service,
            zh: ["新产品商标注册", "商标侵权投诉处理"],
            en: ["Register a trademark for the new product", "Trademark infringement complaint"],
            detail: ["新产品名称想先注册商标，请看看是否有冲突。"],
            detailEnglish: ["Please check the new product name for conflicts and register it."]),
        NeedTopic(
            "data-privacy", "LEGAL", .service, .rising,
            zh: ["个人信息保护合规评估", "客户数据出境合规咨询"],
            en: ["Personal data protection assessment", "Cross-border data transfer question"],
            detail: ["新上线的会员系统收集手机号，需要做个人信息保护评估。"],
            detailEnglish: ["The new membership system collects phone numbers; we need an assessment."]),
        NeedTopic(
            "purchase-order", "PUR", .resource,
            zh: ["采购一批显示器", "办公电脑批量采购", "采购订单审批进度"],
            en: ["Buy monitors for the team", "Status of a purchase order"],
            detail: ["研发部需要二十台 27 寸显示器。", "采购申请提交两周了还没有下单。"],
            detailEnglish: ["R&D needs twenty 27-inch monitors."]),
        NeedTopic(
            "supplier-qualification", "PUR", .information,
            zh: ["新供应商资质审核", "供应商报价比价"],
            en: ["Qualify a new supplier", "Compare supplier quotes"],
            detail: ["新的包装供应商需要做资质审核和实地考察。"],
            detailEnglish: ["The new packaging supplier needs a qualification and a site visit."]),
        NeedTopic(
            "campaign-material", "MKT", .service,
            zh: ["制作展会宣传物料", "新品发布会海报设计", "{place}门店促销物料"],
            en: ["Trade show materials", "Poster for the product launch"],
            detail: ["下个月展会需要易拉宝、宣传册和礼品。", "新品发布会需要主视觉海报和邀请函。"],
            detailEnglish: ["Roll-up banners, brochures and giveaways for next month's show."]),
        NeedTopic(
            "competitor-analysis", "MKT", .information,
            zh: ["竞品价格调研", "竞争对手新品分析"],
            en: ["Competitor pricing research", "Analysis of a competitor's new product"],
            detail: ["竞争对手在{place}降价了，想了解他们的价格策略。"],
            detailEnglish: ["A competitor cut prices in {place}; what is their pricing strategy?"]),
        NeedTopic(
            "social-media", "MKT", .service, .rising,
            zh: ["公众号推文排期", "短视频直播带货支持"],
            en: ["Social media post schedule", "Support for a live-stream sale"],
            detail: ["想在公众号和视频号发新品介绍，请安排排期。"],
            detailEnglish: ["We want to introduce the new product on our social channels."]),
        NeedTopic(
            "product-manual", "RND", .information,
            zh: ["更新产品使用手册", "提供产品技术参数"],
            en: ["Update the product manual", "Technical specifications of the product"],
            detail: ["客户投标需要产品的技术参数和认证证书。"],
            detailEnglish: ["A customer's tender needs the technical specifications and certificates."]),
        NeedTopic(
            "quality-complaint", "QA", .service,
            zh: ["客户投诉产品质量问题", "来料检验不合格"],
            en: ["Customer complaint about product quality", "Incoming inspection failed"],
            detail: ["客户反馈一批货有划痕，需要质量部出具分析报告。"],
            detailEnglish: ["A customer reports scratches on a batch; we need a quality report."]),
        NeedTopic(
            "design-request", "DESIGN", .service,
            zh: ["设计产品包装", "PPT 模板美化"],
            en: ["Packaging design", "Polish our slide template"],
            detail: ["新品包装需要两版设计稿，下周评审。"],
            detailEnglish: ["Two packaging drafts for next week's review."]),
    ]
}
