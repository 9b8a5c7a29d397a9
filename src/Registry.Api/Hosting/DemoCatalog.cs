using System.Globalization;
using MediatR;
using Registry.Application.Catalog;
using Registry.Application.Organizations;
using Registry.Domain.Access;
using Registry.Domain.Identifiers;

namespace Registry.Api.Hosting;

/// <summary>
/// A demo public data labeling catalog (公共数据标注目录): about three hundred entries compiled by provincial and city
/// agencies, each built from a per-domain template and one of the agency's cities, imported and published through the
/// same import the agencies use.
/// </summary>
public static class DemoCatalog
{
    private sealed record City(string Code, string Name);

    private sealed record Agency(string? DemoUsername, string NameZh, string NameEn, string Region, string CodePrefix, string Phone,
        string[] Domains, City[] Cities);

    private sealed record Template(string Domain, string Title, string Description, string[] Modalities, string[] TaskTypes, decimal Volume,
        string Unit, string SecurityLevel, string UpdateFrequency, string SourceSystem);

    private static readonly Template[] Templates =
    [
        new("healthcare", "数字病理切片标注数据集", "汇集{城市}医疗机构脱敏后的数字病理全切片图像，标注肿瘤区域、细胞类型与组织学分级，用于病理辅助诊断模型训练。",
            ["image"], ["segmentation", "classification"], 8000, "images", "important", "monthly", "区域病理诊断中心"),
        new("healthcare", "胸部CT影像肺结节标注数据集", "{城市}医学影像云平台中脱敏的胸部CT序列，逐层标注肺结节位置、大小与良恶性，服务肺癌早筛。",
            ["image"], ["bounding_box", "segmentation"], 20000, "images", "important", "monthly", "医学影像云平台"),
        new("healthcare", "电子病历命名实体标注数据集", "{城市}全民健康信息平台脱敏电子病历，标注疾病、症状、药品、检查检验等实体及其关系。",
            ["text"], ["entity_relation"], 500000, "items", "important", "quarterly", "全民健康信息平台"),
        new("healthcare", "基层医疗问诊语音转写数据集", "{城市}基层医疗卫生机构门诊问诊录音的逐字转写与说话人标注，含方言口音。",
            ["audio"], ["transcription"], 3000, "audio_hours", "general", "quarterly", "互联网医院服务平台"),
        new("healthcare", "眼底彩照糖尿病视网膜病变分级数据集", "{城市}慢病筛查项目采集的眼底彩色照片，按国际标准标注糖网病变分级与病灶关键点。",
            ["image"], ["classification", "keypoints"], 15000, "images", "general", "yearly", "慢病管理信息系统"),
        new("healthcare", "心电图异常波形标注数据集", "{城市}胸痛中心十二导联心电图及诊断报告，标注心律失常类型与异常波段。",
            ["multimodal"], ["classification", "cross_modal_alignment"], 120000, "items", "general", "monthly", "远程心电诊断平台"),
        new("healthcare", "医学科普问答指令数据集", "{城市}健康科普专家库审核的常见病、慢病与用药问答，用于医疗大模型指令微调与偏好对齐。",
            ["text"], ["instruction_writing", "preference_ranking"], 20000000, "tokens", "general", "yearly", "健康科普资源库"),
        new("healthcare", "腔镜手术视频器械跟踪标注数据集", "{城市}教学医院腔镜手术视频，逐帧标注手术器械位置、类别与手术阶段。",
            ["video"], ["object_tracking", "segmentation"], 600000, "frames", "general", "quarterly", "手术示教系统"),

        new("transport", "城市道路交通流视频标注数据集", "{城市}主干道路口监控视频，标注机动车、非机动车、行人目标及其运动轨迹。",
            ["video"], ["bounding_box", "object_tracking"], 1200000, "frames", "general", "daily", "交通视频监控平台"),
        new("transport", "公交车厢客流视频标注数据集", "{城市}公交车载视频中乘客上下车行为与车厢拥挤度标注，用于客流统计与线网优化。",
            ["video"], ["object_tracking", "classification"], 800000, "frames", "general", "weekly", "智能公交调度系统"),
        new("transport", "交通违法行为图像标注数据集", "{城市}电子警察抓拍图像，标注闯红灯、压线、不按导向行驶等违法行为类别与车辆位置。",
            ["image"], ["classification", "bounding_box"], 300000, "images", "important", "daily", "交通违法处理系统"),
        new("transport", "网约车订单轨迹语义标注数据集", "{城市}网约车监管平台脱敏订单轨迹，标注上下客点、绕路与异常停留事件。",
            ["multimodal"], ["classification", "entity_relation"], 2000000, "items", "important", "daily", "网约车监管信息交互平台"),
        new("transport", "交通标志标线图像标注数据集", "{城市}道路巡检车采集的街景图像，标注交通标志类别与标线语义分割。",
            ["image"], ["bounding_box", "segmentation"], 90000, "images", "general", "quarterly", "道路设施管理系统"),
        new("transport", "交通服务热线工单文本分类数据集", "{城市}12328交通运输服务监督热线工单，标注诉求类别、涉及线路与责任单位。",
            ["text"], ["classification", "entity_relation"], 240000, "items", "general", "weekly", "12328交通运输服务监督热线"),

        new("autonomous_driving", "智能网联汽车路测点云标注数据集", "{城市}智能网联汽车测试示范区激光雷达点云，标注车辆、行人、骑行者三维框与朝向。",
            ["point_cloud"], ["cuboid_3d"], 400000, "point_cloud_frames", "important", "weekly", "智能网联汽车测试监管平台"),
        new("autonomous_driving", "车路协同路侧感知融合标注数据集", "{城市}车路协同路口的摄像头与激光雷达同步数据，标注三维目标并完成图像与点云对齐。",
            ["multimodal", "point_cloud", "image"], ["cuboid_3d", "cross_modal_alignment"], 250000, "frames", "important", "weekly", "车路云一体化平台"),
        new("autonomous_driving", "自动驾驶4D时序场景标注数据集", "{城市}城市道路连续多帧点云序列，标注目标跨帧身份、速度与行为意图。",
            ["four_d"], ["annotation_4d"], 150000, "frames", "general", "monthly", "智能网联汽车测试监管平台"),
        new("autonomous_driving", "雨雾夜间复杂天气道路图像标注数据集", "{城市}雨、雾、夜间等低能见度条件下的车载前视图像，标注可行驶区域与障碍物。",
            ["image"], ["segmentation", "bounding_box"], 120000, "images", "general", "quarterly", "自动驾驶数据采集平台"),
        new("autonomous_driving", "自动泊车环视图像关键点标注数据集", "{城市}公共停车场环视鱼眼图像，标注车位角点、车位线与可泊状态。",
            ["image"], ["keypoints", "segmentation"], 80000, "images", "general", "quarterly", "智慧停车管理平台"),

        new("low_altitude_economy", "低空无人机航拍目标检测标注数据集", "{城市}低空巡检无人机航拍图像，标注车辆、船只、人员与施工机械等小目标。",
            ["image"], ["bounding_box", "classification"], 60000, "images", "general", "monthly", "低空飞行服务平台"),
        new("low_altitude_economy", "低空航路三维点云标注数据集", "{城市}低空航路走廊激光扫描点云，标注建筑、高压线塔、树木等障碍物三维框。",
            ["point_cloud"], ["cuboid_3d", "segmentation"], 50000, "point_cloud_frames", "important", "quarterly", "低空空域数字底座"),
        new("low_altitude_economy", "无人机飞行监视视频标注数据集", "{城市}低空监视雷达与光电设备视频，标注无人机、鸟类等飞行目标轨迹。",
            ["video"], ["object_tracking"], 300000, "frames", "important", "daily", "低空飞行监管平台"),
        new("low_altitude_economy", "城市倾斜摄影实景三维标注数据集", "{城市}重点片区倾斜摄影实景三维模型，标注建筑物、起降点与禁飞区边界。",
            ["image", "point_cloud"], ["segmentation"], 20000, "images", "general", "yearly", "实景三维城市平台"),

        new("government_services", "政务服务便民热线工单文本分类数据集", "{城市}12345政务服务便民热线脱敏工单，标注诉求类别、事项要素与承办部门。",
            ["text"], ["classification", "entity_relation"], 600000, "items", "general", "weekly", "12345政务服务便民热线"),
        new("government_services", "政务服务事项问答指令数据集", "{城市}政务服务事项办事指南改写的问答对，用于政务大模型指令微调与回答偏好排序。",
            ["text"], ["instruction_writing", "preference_ranking"], 15000000, "tokens", "general", "monthly", "一体化政务服务平台"),
        new("government_services", "证照材料图像要素标注数据集", "{城市}政务服务中心脱敏证照与申请材料图像，标注证照类型与关键字段位置。",
            ["image"], ["bounding_box", "classification"], 200000, "images", "important", "monthly", "电子证照库"),
        new("government_services", "政务大厅咨询语音转写数据集", "{城市}政务服务大厅与热线咨询录音，逐句转写并标注办理事项与满意度。",
            ["audio"], ["transcription", "classification"], 2000, "audio_hours", "general", "quarterly", "政务服务好差评系统"),
        new("government_services", "政策文件条款要素抽取数据集", "{城市}公开政策文件，标注适用对象、支持条件、补贴标准与兑现流程等条款要素。",
            ["text"], ["entity_relation"], 30000, "items", "general", "monthly", "政策兑现服务平台"),

        new("urban_governance", "城市管理事件图像标注数据集", "{城市}城市运行管理服务平台上报的事件图像，标注占道经营、暴露垃圾、乱堆物料等问题类型。",
            ["image"], ["classification", "bounding_box"], 500000, "images", "general", "daily", "城市运行管理服务平台"),
        new("urban_governance", "城市部件街景图像分割数据集", "{城市}街景采集车图像，像素级标注井盖、路灯、护栏、垃圾箱等城市部件。",
            ["image"], ["segmentation"], 100000, "images", "general", "quarterly", "城市部件普查系统"),
        new("urban_governance", "违章停车视频识别标注数据集", "{城市}道路监控视频中违章停车车辆的位置、停留时长与车牌区域标注。",
            ["video"], ["object_tracking", "bounding_box"], 700000, "frames", "important", "daily", "智慧城管视频平台"),
        new("urban_governance", "城市内涝积水监测图像标注数据集", "{城市}易涝点监控图像，标注积水区域与水深等级，服务汛期预警。",
            ["image"], ["segmentation", "classification"], 40000, "images", "general", "realtime", "城市防汛指挥系统"),
        new("urban_governance", "城市信息模型点云标注数据集", "{城市}城市信息模型（CIM）建设采集的车载与机载点云，标注建筑、道路与市政设施。",
            ["point_cloud"], ["segmentation", "cuboid_3d"], 80000, "point_cloud_frames", "important", "yearly", "城市信息模型平台"),

        new("education", "中小学作业手写答题图像标注数据集", "{城市}中小学脱敏作业与试卷扫描图像，标注题目区域、手写答案转写与批改结果。",
            ["image"], ["bounding_box", "transcription"], 400000, "images", "important", "yearly", "智慧教育平台"),
        new("education", "课堂教学视频师生行为标注数据集", "{城市}录播教室课堂视频，标注举手、板书、讨论等师生行为与人体关键点。",
            ["video"], ["keypoints", "classification"], 500000, "frames", "important", "yearly", "录播课堂资源平台"),
        new("education", "学科试题知识点标注数据集", "{城市}中小学学科题库，标注题目对应的课程标准知识点、难度与题型。",
            ["text"], ["classification", "entity_relation"], 300000, "items", "general", "quarterly", "教育资源公共服务平台"),
        new("education", "学科解题思维链数据集", "{城市}骨干教师编写的数学、物理分步解题过程，用于教育大模型思维链训练。",
            ["text"], ["chain_of_thought", "instruction_writing"], 8000000, "tokens", "general", "yearly", "教研资源库"),
        new("education", "中小学口语测评语音标注数据集", "{城市}普通话与英语口语测评录音，标注逐字转写、发音错误与评分。",
            ["audio"], ["transcription", "quality_assessment"], 1500, "audio_hours", "general", "yearly", "口语考试管理系统"),
        new("education", "职业院校实训操作视频标注数据集", "{城市}职业院校实训课程视频，标注操作步骤、工具使用与规范性评价。",
            ["video"], ["classification", "keypoints"], 200000, "frames", "general", "yearly", "职业教育实训平台"),

        new("science", "高分辨率遥感影像地物分类标注数据集", "{城市}亚米级卫星与航空遥感影像，按国土调查分类体系标注地物类型图斑。",
            ["image"], ["segmentation", "classification"], 50000, "images", "important", "quarterly", "国土空间基础信息平台"),
        new("science", "海岸线与海域使用遥感解译数据集", "{城市}海岸带遥感影像，标注自然与人工岸线、养殖用海与港口用海范围。",
            ["image"], ["segmentation"], 12000, "images", "important", "yearly", "海域动态监视监测系统"),
        new("science", "科技文献要素抽取标注数据集", "{城市}科研机构公开论文与项目报告，标注研究对象、方法、数据集与结论等要素。",
            ["text"], ["entity_relation"], 100000, "items", "general", "quarterly", "科技资源共享服务平台"),
        new("science", "科研仪器显微图像分割数据集", "{城市}大型科研仪器共享平台的电子显微图像，标注颗粒、晶界与缺陷区域。",
            ["image"], ["segmentation"], 16000, "images", "general", "monthly", "大型科研仪器共享平台"),

        new("agriculture", "农作物病虫害图像标注数据集", "{城市}农技推广站采集的田间作物图像，标注病虫害种类、发生部位与严重程度。",
            ["image"], ["classification", "bounding_box"], 80000, "images", "general", "monthly", "农业植保信息系统"),
        new("agriculture", "作物长势遥感监测标注数据集", "{城市}多时相卫星遥感影像，标注主要作物种植范围与长势等级。",
            ["image"], ["segmentation", "classification"], 20000, "images", "general", "monthly", "农业遥感监测平台"),
        new("agriculture", "耕地保护遥感图斑标注数据集", "{城市}耕地与永久基本农田遥感影像，标注耕地图斑与非农化、非粮化变化图斑。",
            ["image"], ["segmentation"], 30000, "images", "core", "quarterly", "耕地保护监管平台"),
        new("agriculture", "畜禽养殖视频行为标注数据集", "{城市}规模化养殖场监控视频，标注畜禽个体、采食与异常行为。",
            ["video"], ["object_tracking", "keypoints"], 400000, "frames", "general", "weekly", "智慧畜牧监管平台"),

        new("rural_revitalization", "乡村人居环境图像标注数据集", "{城市}农村人居环境整治巡查图像，标注垃圾堆放、污水横流、残垣断壁等问题类型。",
            ["image"], ["classification", "bounding_box"], 40000, "images", "general", "monthly", "乡村振兴综合服务平台"),
        new("rural_revitalization", "农村宅基地遥感图斑标注数据集", "{城市}农村地区高分辨率遥感影像，标注宅基地、农房与新增建设用地图斑。",
            ["image"], ["segmentation"], 25000, "images", "important", "yearly", "农村宅基地管理信息系统"),
        new("rural_revitalization", "方言农技咨询语音转写数据集", "{城市}农技服务热线方言咨询录音，逐句转写为普通话文本并标注作物与问题类型。",
            ["audio"], ["transcription", "classification"], 800, "audio_hours", "general", "quarterly", "农技服务热线"),

        new("energy", "输电线路巡检图像缺陷标注数据集", "{城市}输电线路无人机巡检图像，标注绝缘子破损、防振锤脱落、鸟巢等缺陷。",
            ["image"], ["bounding_box", "classification"], 150000, "images", "important", "monthly", "输变电设备状态监测系统"),
        new("energy", "煤矿井下安全行为视频标注数据集", "{城市}煤矿井下监控视频，标注人员未戴安全帽、进入危险区域等违规行为。",
            ["video"], ["object_tracking", "classification"], 900000, "frames", "important", "weekly", "煤矿安全监控系统"),
        new("energy", "光伏组件红外热斑图像标注数据集", "{城市}光伏电站无人机红外巡检图像，标注热斑、隐裂与遮挡组件。",
            ["image"], ["bounding_box"], 60000, "images", "general", "monthly", "新能源场站监控平台"),
        new("energy", "风电机组叶片缺陷图像标注数据集", "{城市}风电场叶片巡检图像，像素级标注裂纹、前缘腐蚀与雷击损伤。",
            ["image"], ["segmentation"], 30000, "images", "general", "quarterly", "新能源场站监控平台"),
        new("energy", "电网调度运行日志文本标注数据集", "{城市}电网调度运行日志与操作票，标注设备、操作与事件实体及其关系。",
            ["text"], ["entity_relation", "classification"], 200000, "items", "core", "daily", "电力调度自动化系统"),
        new("energy", "变电站设备点云标注数据集", "{城市}变电站三维激光扫描点云，标注变压器、断路器、隔离开关等设备。",
            ["point_cloud"], ["cuboid_3d", "segmentation"], 20000, "point_cloud_frames", "important", "yearly", "变电站数字孪生平台"),

        new("manufacturing", "钢材表面缺陷图像标注数据集", "{城市}钢铁企业产线表面检测图像，标注划痕、夹杂、氧化皮等缺陷类型与位置。",
            ["image"], ["bounding_box", "segmentation"], 120000, "images", "general", "monthly", "工业互联网标识解析节点"),
        new("manufacturing", "焊缝射线检测图像标注数据集", "{城市}装备制造企业焊缝X射线底片数字图像，标注气孔、夹渣、未熔合等缺陷。",
            ["image"], ["classification", "segmentation"], 40000, "images", "general", "quarterly", "无损检测数据平台"),
        new("manufacturing", "工业设备运维工单文本标注数据集", "{城市}重点企业设备运维工单，标注设备、故障现象、原因与处置措施。",
            ["text"], ["entity_relation"], 150000, "items", "general", "monthly", "工业互联网平台"),
        new("manufacturing", "产线作业人员姿态视频标注数据集", "{城市}离散制造产线作业视频，标注人体关键点与装配动作。",
            ["video"], ["keypoints", "classification"], 300000, "frames", "general", "quarterly", "智能工厂管理系统"),
        new("manufacturing", "集成电路晶圆缺陷图像标注数据集", "{城市}集成电路企业晶圆检测图像，标注缺陷模式与所在芯片区域。",
            ["image"], ["classification"], 50000, "images", "important", "monthly", "集成电路公共服务平台"),
        new("manufacturing", "工业机器人抓取点云标注数据集", "{城市}智能工厂机器人工作站三维点云，标注工件位姿与可抓取区域。",
            ["point_cloud"], ["cuboid_3d"], 30000, "point_cloud_frames", "general", "quarterly", "智能工厂管理系统"),

        new("finance", "金融监管文书要素抽取数据集", "{城市}公开金融行政处罚决定书，标注当事人、违法事实、处罚依据与处罚金额。",
            ["text"], ["entity_relation"], 60000, "items", "general", "monthly", "金融监管信息公开平台"),
        new("finance", "银行客服对话意图标注数据集", "{城市}银行业客服脱敏对话录音与文本，标注客户意图、业务类型与情绪。",
            ["text", "audio"], ["classification", "transcription"], 200000, "items", "important", "monthly", "金融综合服务平台"),
        new("finance", "上市公司公告事件抽取数据集", "{城市}辖区上市公司公告，标注并购、增减持、担保等事件及参与方。",
            ["text"], ["entity_relation", "classification"], 120000, "items", "general", "daily", "企业信用信息平台"),
        new("finance", "金融知识问答偏好排序数据集", "{城市}金融消费者教育问答，标注多个候选回答的质量排序，用于金融大模型对齐。",
            ["text"], ["preference_ranking", "instruction_writing"], 10000000, "tokens", "general", "quarterly", "金融消费者保护平台"),

        new("digital_trade", "跨境电商商品图文对齐标注数据集", "{城市}跨境电商综合试验区商品主图与描述，标注图文一致性与商品类目。",
            ["multimodal", "image", "text"], ["cross_modal_alignment", "classification"], 500000, "items", "general", "weekly", "跨境电商公共服务平台"),
        new("digital_trade", "进出口商品归类标注数据集", "{城市}脱敏报关商品描述，标注海关商品编码归类与申报要素。",
            ["text"], ["classification", "entity_relation"], 300000, "items", "important", "weekly", "国际贸易单一窗口"),
        new("digital_trade", "多语种商品描述翻译质量标注数据集", "{城市}出海企业多语种商品描述及译文，标注翻译准确度与术语一致性。",
            ["text"], ["quality_assessment", "instruction_writing"], 5000000, "tokens", "general", "monthly", "跨境电商公共服务平台"),
        new("digital_trade", "直播电商视频商品识别标注数据集", "{城市}直播电商公开回放视频，标注出镜商品位置、类目与讲解时段。",
            ["video"], ["bounding_box", "object_tracking"], 600000, "frames", "general", "weekly", "直播电商监测平台"),

        new("information_services", "中文通用指令微调数据集", "{城市}公共语料经专家编写与改写的中文多领域指令数据，覆盖写作、推理与代码。",
            ["text"], ["instruction_writing", "chain_of_thought"], 50000000, "tokens", "general", "quarterly", "公共语料资源平台"),
        new("information_services", "中文大模型对齐偏好数据集", "{城市}标注人员对大模型多候选回答的安全性与有用性排序结果。",
            ["text"], ["preference_ranking", "quality_assessment"], 20000000, "tokens", "general", "monthly", "公共语料资源平台"),
        new("information_services", "图文多模态描述标注数据集", "{城市}公共文化场馆授权图像的中文细粒度描述与区域对齐标注。",
            ["multimodal"], ["cross_modal_alignment"], 300000, "items", "general", "quarterly", "公共文化数字资源库"),
        new("information_services", "中文多场景语音识别转写数据集", "{城市}会议、访谈、广播等场景录音的逐字转写与标点、说话人标注。",
            ["audio"], ["transcription"], 5000, "audio_hours", "general", "quarterly", "公共语料资源平台"),

        new("human_resources", "招聘岗位技能要素标注数据集", "{城市}公共就业服务平台招聘信息，标注岗位名称、技能要求、学历与薪资要素。",
            ["text"], ["entity_relation", "classification"], 400000, "items", "general", "weekly", "公共就业服务平台"),
        new("human_resources", "职业技能等级认定题库标注数据集", "{城市}职业技能等级认定理论与实操题库，标注职业、等级、知识点与难度。",
            ["text"], ["classification", "quality_assessment"], 80000, "items", "general", "yearly", "职业技能鉴定管理系统"),
        new("human_resources", "求职简历结构化标注数据集", "{城市}公共就业服务平台脱敏简历，标注教育经历、工作经历与技能证书。",
            ["text"], ["entity_relation"], 200000, "items", "important", "monthly", "公共就业服务平台"),
    ];

    private static readonly Agency[] Agencies =
    [
        new("cd.health", "成都市卫生健康委员会", "Chengdu Municipal Health Commission", "510100", "CD-WJW", "028-61881234",
            ["healthcare"], [new("510100", "成都市")]),
        new("hf.transport", "合肥市交通运输局", "Hefei Municipal Transport Bureau", "340100", "HF-JTJ", "0551-63538123",
            ["transport", "autonomous_driving"], [new("340100", "合肥市")]),
        new(null, "四川省卫生健康委员会", "Health Commission of Sichuan Province", "510000", "SC-WJW", "028-86136012",
            ["healthcare"], [new("510700", "绵阳市"), new("510600", "德阳市"), new("511300", "南充市"), new("511100", "乐山市"), new("511500", "宜宾市")]),
        new(null, "成都市交通运输局", "Chengdu Municipal Transport Bureau", "510100", "CD-JTJ", "028-86627123",
            ["transport", "autonomous_driving", "low_altitude_economy"], [new("510100", "成都市")]),
        new(null, "安徽省数据资源管理局", "Anhui Provincial Data Resources Administration", "340000", "AH-SJJ", "0551-62999123",
            ["government_services", "urban_governance", "science"], [new("340100", "合肥市"), new("340200", "芜湖市")]),
        new(null, "湖南省教育厅", "Department of Education of Hunan Province", "430000", "HN-JYT", "0731-84714123",
            ["education"], [new("430100", "长沙市"), new("430200", "株洲市"), new("430300", "湘潭市"), new("430400", "衡阳市")]),
        new(null, "海南省自然资源和规划厅", "Department of Natural Resources and Planning of Hainan Province", "460000", "HI-ZRZY", "0898-65303123",
            ["science", "agriculture", "rural_revitalization"], [new("460100", "海口市"), new("460200", "三亚市")]),
        new(null, "河北省卫生健康委员会", "Health Commission of Hebei Province", "130000", "HE-WJW", "0311-66165123",
            ["healthcare"], [new("130100", "石家庄市"), new("130600", "保定市"), new("130200", "唐山市")]),
        new(null, "山西省能源局", "Shanxi Provincial Energy Administration", "140000", "SX-NYJ", "0351-3046123",
            ["energy"], [new("140100", "太原市"), new("140200", "大同市"), new("140400", "长治市")]),
        new(null, "辽宁省工业和信息化厅", "Department of Industry and Information Technology of Liaoning Province", "210000", "LN-GXT", "024-86892123",
            ["manufacturing"], [new("210100", "沈阳市"), new("210200", "大连市"), new("210300", "鞍山市")]),
        new(null, "北京市经济和信息化局", "Beijing Municipal Bureau of Economy and Information Technology", "110000", "BJ-JXJ", "010-55579123",
            ["information_services", "manufacturing", "autonomous_driving"], [new("110100", "北京市")]),
        new(null, "上海市数据局", "Shanghai Municipal Data Administration", "310000", "SH-SJJ", "021-23113123",
            ["finance", "digital_trade", "government_services", "urban_governance"], [new("310100", "上海市")]),
        new(null, "广东省政务服务和数据管理局", "Guangdong Provincial Government Services and Data Administration", "440000", "GD-ZSJ", "020-83133123",
            ["government_services", "digital_trade", "low_altitude_economy", "human_resources"], [new("440100", "广州市"), new("440300", "深圳市")]),
        new(null, "浙江省数据局", "Zhejiang Provincial Data Administration", "330000", "ZJ-SJJ", "0571-87056123",
            ["digital_trade", "urban_governance", "agriculture", "rural_revitalization"], [new("330100", "杭州市"), new("330200", "宁波市")]),
    ];

    public static async Task SeedAsync(IServiceProvider services, ILogger logger)
    {
        var created = 0;
        for (var a = 0; a < Agencies.Length; a++)
        {
            var agency = Agencies[a];
            var id = await AgencyIdAsync(services, agency, a);
            var rows = agency.Cities
                .SelectMany(city => Templates.Where(t => agency.Domains.Contains(t.Domain)).Select(template => (city, template)))
                .Select((x, i) => Row(agency, x.city, x.template, i))
                .ToList();
            var report = await SendAsync(services, (Roles.Agency, id, agency.Region), new ImportCatalogEntries(rows, Publish: true));
            if (report.Errors > 0)
            {
                var error = report.Rows.First(r => r.Outcome == "error");
                throw new InvalidOperationException($"Demo catalog entry {error.Code} of {agency.NameZh} was refused: " +
                    string.Join("; ", error.Errors!.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")));
            }
            created += report.Created;
        }
        logger.LogInformation("Demo catalog: {Count} published entries from {Agencies} agencies.", created, Agencies.Length);
    }

    private static CatalogImportRow Row(Agency agency, City city, Template t, int i)
    {
        var openness = t.SecurityLevel switch
        {
            "core" => "restricted",
            "important" => i % 4 == 3 ? "restricted" : "conditional",
            _ => i % 4 == 1 ? "conditional" : "open",
        };
        var conditions = openness != "conditional" ? null
            : t.SecurityLevel == "important"
                ? $"经{agency.NameZh}审核并签订数据安全协议后，在{city.Name}数据标注基地可信数据空间内加工使用，原始数据不出域。"
                : "向通过数据标注企业认证的单位开放，须登记用途，标注成果按约定回流共享。";
        return new CatalogImportRow(
            Code: $"{agency.CodePrefix}-2026-{i + 1:D3}",
            Title: city.Name + t.Title,
            Description: t.Description.Replace("{城市}", city.Name, StringComparison.Ordinal),
            Domain: t.Domain,
            Modalities: t.Modalities,
            TaskTypes: t.TaskTypes,
            Volume: t.Volume * (4 + i % 5) / 4,
            VolumeUnit: t.Unit,
            SecurityLevel: t.SecurityLevel,
            Openness: openness,
            OpennessConditions: conditions,
            RegionCode: city.Code,
            SourceSystem: t.SourceSystem,
            UpdateFrequency: t.UpdateFrequency,
            Contact: $"{agency.NameZh}数据管理处 {agency.Phone}");
    }

    private static async Task<Guid> AgencyIdAsync(IServiceProvider services, Agency agency, int index)
    {
        if (agency.DemoUsername is { } username)
        {
            var demo = DemoData.Organizations.Single(o => o.Username == username);
            return (await SendAsync(services, null, new ListOrganizations(demo.Kind, null, demo.NameZh, 1, 1))).Items.Single().Id;
        }
        var code = UnifiedSocialCreditCode.Create("11" + agency.Region + "MB" + (2000101 + index * 613).ToString(CultureInfo.InvariantCulture));
        var org = await SendAsync(services, null, new CreateOrganization(agency.NameZh, agency.NameEn, Roles.Agency, agency.Region, code, null));
        return org.Id;
    }

    private static Task<T> SendAsync<T>(IServiceProvider services, (string Role, Guid Id, string Region)? actor, IRequest<T> request) =>
        CallerScope.SendAsync(services, actor, request);
}
