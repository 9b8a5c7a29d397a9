namespace Registry.Infrastructure.Seeding;

/// <summary>
/// The words national-scale data is made of: cities, compiling agencies and what they compile, kinds of datasets with the
/// description, modalities and task types each is labeled with, company name parts and labeling capabilities. Chosen to look
/// like the real directory (the demo data's templates), so that searches and filters select realistic shares of the rows.
/// </summary>
public static class ScaleVocabulary
{
    /// <summary>Cities the rows are spread over, with the name that starts a title.</summary>
    /// <remarks>Named here rather than from <c>regions</c>, where the municipalities' city-level codes are called 市辖区.</remarks>
    public static readonly (string Code, string Name)[] Cities =
    [
        ("510100", "成都市"), ("510700", "绵阳市"), ("340100", "合肥市"), ("430100", "长沙市"), ("460100", "海口市"), ("130600", "保定市"),
        ("140200", "大同市"), ("210100", "沈阳市"), ("110100", "北京市"), ("310100", "上海市"), ("440300", "深圳市"), ("330100", "杭州市"),
        ("420100", "武汉市"), ("320500", "苏州市"), ("370200", "青岛市"), ("500100", "重庆市"),
    ];

    /// <summary>A compiling agency: who it is decides where its entries and demands are and which domains they cover.</summary>
    public sealed record Agency(string NameZh, string CodePrefix, string[] Cities, string[] Domains, int Weight);

    public static readonly Agency[] Agencies =
    [
        new("成都市卫生健康委员会", "CD-WJW", ["510100"], ["healthcare"], 6),
        new("成都市交通运输局", "CD-JTJ", ["510100"], ["transport", "autonomous_driving", "low_altitude_economy"], 5),
        new("四川省卫生健康委员会", "SC-WJW", ["510100", "510700"], ["healthcare"], 5),
        new("四川省数据局", "SC-SJJ", ["510100", "510700"], ["government_services", "urban_governance", "rural_revitalization", "agriculture"], 6),
        new("合肥市交通运输局", "HF-JTJ", ["340100"], ["transport", "autonomous_driving"], 4),
        new("安徽省数据资源管理局", "AH-SJJ", ["340100"], ["government_services", "urban_governance", "science"], 5),
        new("湖南省教育厅", "HN-JYT", ["430100"], ["education"], 5),
        new("海南省自然资源和规划厅", "HI-ZRZY", ["460100"], ["science", "agriculture", "rural_revitalization"], 4),
        new("河北省卫生健康委员会", "HE-WJW", ["130600"], ["healthcare"], 4),
        new("山西省能源局", "SX-NYJ", ["140200"], ["energy"], 4),
        new("辽宁省工业和信息化厅", "LN-GXT", ["210100"], ["manufacturing"], 5),
        new("北京市经济和信息化局", "BJ-JXJ", ["110100"], ["information_services", "manufacturing", "autonomous_driving"], 7),
        new("上海市数据局", "SH-SJJ", ["310100"], ["finance", "digital_trade", "government_services", "urban_governance"], 7),
        new("深圳市政务服务和数据管理局", "SZ-ZSJ", ["440300"], ["government_services", "digital_trade", "low_altitude_economy", "human_resources"], 6),
        new("浙江省数据局", "ZJ-SJJ", ["330100"], ["digital_trade", "urban_governance", "agriculture", "rural_revitalization"], 6),
        new("武汉市卫生健康委员会", "WH-WJW", ["420100"], ["healthcare"], 4),
        new("苏州市工业和信息化局", "SUZ-GXJ", ["320500"], ["manufacturing", "energy"], 5),
        new("青岛市交通运输局", "QD-JTJ", ["370200"], ["transport", "digital_trade"], 4),
        new("重庆市大数据应用发展管理局", "CQ-DSJ", ["500100"], ["government_services", "urban_governance", "autonomous_driving", "human_resources"], 6),
        new("湖北省人力资源和社会保障厅", "HB-RST", ["420100"], ["human_resources", "education"], 3),
    ];

    /// <summary>A kind of dataset: the object in its title, what its description says, and what it may be labeled as.</summary>
    public sealed record DatasetObject(string Domain, string Name, string Detail, string[] Modalities, string[] TaskTypes, string Unit,
        decimal Volume, string SecurityLevel);

    public static readonly DatasetObject[] Objects =
    [
        new("healthcare", "数字病理切片", "医疗机构脱敏后的数字病理全切片图像，标注肿瘤区域、细胞类型与组织学分级，用于病理辅助诊断模型训练。",
            ["image"], ["segmentation", "classification"], "images", 8000, "important"),
        new("healthcare", "宫颈细胞病理图像", "妇幼保健机构宫颈液基细胞学涂片图像，标注异常细胞位置与病变分级。",
            ["image"], ["bounding_box", "classification"], "images", 30000, "important"),
        new("healthcare", "病理诊断报告文本", "医院病理科脱敏诊断报告，标注病变部位、病理类型、分期与免疫组化结果。",
            ["text"], ["entity_relation", "classification"], "items", 200000, "important"),
        new("healthcare", "胸部CT影像肺结节", "医学影像云平台中脱敏的胸部CT序列，逐层标注肺结节位置、大小与良恶性，服务肺癌早筛。",
            ["image"], ["bounding_box", "segmentation"], "images", 20000, "important"),
        new("healthcare", "电子病历命名实体", "全民健康信息平台脱敏电子病历，标注疾病、症状、药品、检查检验等实体及其关系。",
            ["text"], ["entity_relation"], "items", 500000, "important"),
        new("healthcare", "基层医疗问诊语音转写", "基层医疗卫生机构门诊问诊录音的逐字转写与说话人标注，含方言口音。",
            ["audio", "text"], ["transcription"], "audio_hours", 3000, "general"),
        new("healthcare", "眼底彩照糖网病变分级", "慢病筛查项目采集的眼底彩色照片，标注糖网病变分级与病灶关键点。",
            ["image"], ["classification", "keypoints"], "images", 15000, "general"),
        new("healthcare", "医学科普问答指令", "健康科普专家库审核的常见病与用药问答，用于医疗大模型指令微调与偏好对齐。",
            ["text"], ["instruction_writing", "preference_ranking"], "tokens", 20000000, "general"),
        new("healthcare", "腔镜手术视频器械跟踪", "教学医院腔镜手术视频，逐帧标注手术器械位置、类别与手术阶段。",
            ["video", "image"], ["object_tracking", "segmentation"], "frames", 600000, "general"),

        new("transport", "城市道路交通流视频", "主干道路口监控视频，标注机动车、非机动车、行人目标及其运动轨迹。",
            ["video"], ["bounding_box", "object_tracking"], "frames", 1200000, "general"),
        new("transport", "公交车厢客流视频", "公交车载视频中乘客上下车行为与车厢拥挤度标注，用于客流统计与线网优化。",
            ["video"], ["object_tracking", "classification"], "frames", 800000, "general"),
        new("transport", "交通违法行为图像", "电子警察抓拍图像，标注闯红灯、压线、不按导向行驶等违法行为类别与车辆位置。",
            ["image"], ["classification", "bounding_box"], "images", 300000, "important"),
        new("transport", "网约车订单轨迹语义", "网约车监管平台脱敏订单轨迹，标注上下客点、绕路与异常停留事件。",
            ["multimodal", "text"], ["classification", "entity_relation"], "items", 2000000, "important"),
        new("transport", "交通标志标线图像", "道路巡检车采集的街景图像，标注交通标志类别与标线语义分割。",
            ["image"], ["bounding_box", "segmentation"], "images", 90000, "general"),
        new("transport", "交通服务热线工单文本", "12328交通运输服务监督热线工单，标注诉求类别、涉及线路与责任单位。",
            ["text"], ["classification", "entity_relation"], "items", 240000, "general"),

        new("autonomous_driving", "智能网联汽车路测点云", "智能网联汽车测试示范区激光雷达点云，标注车辆、行人、骑行者三维框与朝向。",
            ["point_cloud"], ["cuboid_3d"], "point_cloud_frames", 400000, "important"),
        new("autonomous_driving", "车路协同路侧感知融合", "车路协同路口的摄像头与激光雷达同步数据，标注三维目标并完成图像与点云对齐。",
            ["multimodal", "point_cloud"], ["cuboid_3d", "cross_modal_alignment"], "frames", 250000, "important"),
        new("autonomous_driving", "自动驾驶4D时序场景", "城市道路连续多帧点云序列，标注目标跨帧身份、速度与行为意图。",
            ["four_d"], ["annotation_4d"], "frames", 150000, "general"),
        new("autonomous_driving", "雨雾夜间道路图像", "雨、雾、夜间等低能见度条件下的车载前视图像，标注可行驶区域与障碍物。",
            ["image"], ["segmentation", "bounding_box"], "images", 120000, "general"),

        new("low_altitude_economy", "低空无人机航拍目标检测", "低空巡检无人机航拍图像，标注车辆、船只、人员与施工机械等小目标。",
            ["image"], ["bounding_box", "classification"], "images", 60000, "general"),
        new("low_altitude_economy", "低空航路三维点云", "低空航路走廊激光扫描点云，标注建筑、高压线塔、树木等障碍物三维框。",
            ["point_cloud"], ["cuboid_3d", "segmentation"], "point_cloud_frames", 50000, "important"),
        new("low_altitude_economy", "无人机飞行监视视频", "低空监视雷达与光电设备视频，标注无人机、鸟类等飞行目标轨迹。",
            ["video"], ["object_tracking"], "frames", 300000, "important"),

        new("government_services", "政务服务便民热线工单", "12345政务服务便民热线脱敏工单，标注诉求类别、事项要素与承办部门。",
            ["text"], ["classification", "entity_relation"], "items", 600000, "general"),
        new("government_services", "政务服务事项问答指令", "政务服务事项办事指南改写的问答对，用于政务大模型指令微调与回答偏好排序。",
            ["text"], ["instruction_writing", "preference_ranking"], "tokens", 15000000, "general"),
        new("government_services", "证照材料图像要素", "政务服务中心脱敏证照与申请材料图像，标注证照类型与关键字段位置。",
            ["image", "text"], ["bounding_box", "classification"], "images", 200000, "important"),
        new("government_services", "政务大厅咨询语音", "政务服务大厅与热线咨询录音，逐句转写并标注办理事项与满意度。",
            ["audio"], ["transcription", "classification"], "audio_hours", 2000, "general"),

        new("urban_governance", "城市管理事件图像", "城市运行管理服务平台上报的事件图像，标注占道经营、暴露垃圾、乱堆物料等问题类型。",
            ["image"], ["classification", "bounding_box"], "images", 500000, "general"),
        new("urban_governance", "城市部件街景图像", "街景采集车图像，像素级标注井盖、路灯、护栏、垃圾箱等城市部件。",
            ["image"], ["segmentation"], "images", 100000, "general"),
        new("urban_governance", "违章停车视频", "道路监控视频中违章停车车辆的位置、停留时长与车牌区域标注。",
            ["video"], ["object_tracking", "bounding_box"], "frames", 700000, "important"),
        new("urban_governance", "城市内涝积水监测图像", "易涝点监控图像，标注积水区域与水深等级，服务汛期预警。",
            ["image"], ["segmentation", "classification"], "images", 40000, "general"),

        new("education", "中小学作业手写答题图像", "中小学脱敏作业与试卷扫描图像，标注题目区域、手写答案转写与批改结果。",
            ["image"], ["bounding_box", "transcription"], "images", 400000, "important"),
        new("education", "课堂教学视频师生行为", "录播教室课堂视频，标注举手、板书、讨论等师生行为与人体关键点。",
            ["video"], ["keypoints", "classification"], "frames", 500000, "important"),
        new("education", "学科试题知识点", "中小学学科题库，标注题目对应的课程标准知识点、难度与题型。",
            ["text"], ["classification", "entity_relation"], "items", 300000, "general"),
        new("education", "学科解题思维链", "骨干教师编写的数学、物理分步解题过程，用于教育大模型思维链训练。",
            ["text"], ["chain_of_thought", "instruction_writing"], "tokens", 8000000, "general"),

        new("science", "高分辨率遥感影像地物分类", "亚米级卫星与航空遥感影像，按国土调查分类体系标注地物类型图斑。",
            ["image"], ["segmentation", "classification"], "images", 50000, "important"),
        new("science", "科技文献要素抽取", "科研机构公开论文与项目报告，标注研究对象、方法、数据集与结论等要素。",
            ["text"], ["entity_relation"], "items", 100000, "general"),
        new("science", "科研仪器显微图像", "大型科研仪器共享平台的电子显微图像，标注颗粒、晶界与缺陷区域。",
            ["image"], ["segmentation"], "images", 16000, "general"),

        new("agriculture", "农作物病虫害图像", "农技推广站采集的田间作物图像，标注病虫害种类、发生部位与严重程度。",
            ["image"], ["classification", "bounding_box"], "images", 80000, "general"),
        new("agriculture", "耕地保护遥感图斑", "耕地与永久基本农田遥感影像，标注耕地图斑与非农化、非粮化变化图斑。",
            ["image"], ["segmentation"], "images", 30000, "core"),
        new("agriculture", "畜禽养殖视频行为", "规模化养殖场监控视频，标注畜禽个体、采食与异常行为。",
            ["video"], ["object_tracking", "keypoints"], "frames", 400000, "general"),

        new("rural_revitalization", "乡村人居环境图像", "农村人居环境整治巡查图像，标注垃圾堆放、污水横流、残垣断壁等问题类型。",
            ["image"], ["classification", "bounding_box"], "images", 40000, "general"),
        new("rural_revitalization", "方言农技咨询语音", "农技服务热线方言咨询录音，逐句转写为普通话文本并标注作物与问题类型。",
            ["audio", "text"], ["transcription", "classification"], "audio_hours", 800, "general"),

        new("energy", "输电线路巡检图像缺陷", "输电线路无人机巡检图像，标注绝缘子破损、防振锤脱落、鸟巢等缺陷。",
            ["image"], ["bounding_box", "classification"], "images", 150000, "important"),
        new("energy", "光伏组件红外热斑图像", "光伏电站无人机红外巡检图像，标注热斑、隐裂与遮挡组件。",
            ["image"], ["bounding_box"], "images", 60000, "general"),
        new("energy", "电网调度运行日志文本", "电网调度运行日志与操作票，标注设备、操作与事件实体及其关系。",
            ["text"], ["entity_relation", "classification"], "items", 200000, "core"),

        new("manufacturing", "钢材表面缺陷图像", "钢铁企业产线表面检测图像，标注划痕、夹杂、氧化皮等缺陷类型与位置。",
            ["image"], ["bounding_box", "segmentation"], "images", 120000, "general"),
        new("manufacturing", "焊缝射线检测图像", "装备制造企业焊缝X射线底片数字图像，标注气孔、夹渣、未熔合等缺陷。",
            ["image"], ["classification", "segmentation"], "images", 40000, "general"),
        new("manufacturing", "工业设备运维工单文本", "重点企业设备运维工单，标注设备、故障现象、原因与处置措施。",
            ["text"], ["entity_relation"], "items", 150000, "general"),
        new("manufacturing", "集成电路晶圆缺陷图像", "集成电路企业晶圆检测图像，标注缺陷模式与所在芯片区域。",
            ["image"], ["classification"], "images", 50000, "important"),

        new("finance", "金融监管文书要素抽取", "公开金融行政处罚决定书，标注当事人、违法事实、处罚依据与处罚金额。",
            ["text"], ["entity_relation"], "items", 60000, "general"),
        new("finance", "银行客服对话意图", "银行业客服脱敏对话录音与文本，标注客户意图、业务类型与情绪。",
            ["text", "audio"], ["classification", "transcription"], "items", 200000, "important"),
        new("finance", "金融知识问答偏好排序", "金融消费者教育问答，标注多个候选回答的质量排序，用于金融大模型对齐。",
            ["text"], ["preference_ranking", "instruction_writing"], "tokens", 10000000, "general"),

        new("digital_trade", "跨境电商商品图文对齐", "跨境电商综合试验区商品主图与描述，标注图文一致性与商品类目。",
            ["multimodal", "image"], ["cross_modal_alignment", "classification"], "items", 500000, "general"),
        new("digital_trade", "进出口商品归类", "脱敏报关商品描述，标注海关商品编码归类与申报要素。",
            ["text"], ["classification", "entity_relation"], "items", 300000, "important"),
        new("digital_trade", "直播电商视频商品识别", "直播电商公开回放视频，标注出镜商品位置、类目与讲解时段。",
            ["video"], ["bounding_box", "object_tracking"], "frames", 600000, "general"),

        new("information_services", "中文通用指令微调", "公共语料经专家编写与改写的中文多领域指令数据，覆盖写作、推理与代码。",
            ["text"], ["instruction_writing", "chain_of_thought"], "tokens", 50000000, "general"),
        new("information_services", "中文大模型对齐偏好", "标注人员对大模型多候选回答的安全性与有用性排序结果。",
            ["text"], ["preference_ranking", "quality_assessment"], "tokens", 20000000, "general"),
        new("information_services", "图文多模态描述", "公共文化场馆授权图像的中文细粒度描述与区域对齐标注。",
            ["multimodal", "image"], ["cross_modal_alignment"], "items", 300000, "general"),
        new("information_services", "中文多场景语音识别转写", "会议、访谈、广播等场景录音的逐字转写与标点、说话人标注。",
            ["audio"], ["transcription"], "audio_hours", 5000, "general"),

        new("human_resources", "招聘岗位技能要素", "公共就业服务平台招聘信息，标注岗位名称、技能要求、学历与薪资要素。",
            ["text"], ["entity_relation", "classification"], "items", 400000, "general"),
        new("human_resources", "求职简历结构化", "公共就业服务平台脱敏简历，标注教育经历、工作经历与技能证书。",
            ["text"], ["entity_relation"], "items", 200000, "important"),
    ];

    /// <summary>What sets entries of the same agency, city and object apart in their titles.</summary>
    public static readonly string[] Qualifiers =
    [
        "", "", "", "", "2024年度", "2025年度", "2026年度", "2026年第一季度", "2026年第二季度", "重点区域", "中心城区", "试点",
        "第二批", "第三批", "增量", "高新区", "开发区", "县域",
    ];

    public static readonly string[] TitleSuffixes = ["标注数据集", "标注数据集", "标注数据集", "标注数据集", "精标数据集", "标注样本库", "训练数据集"];

    public static readonly string[] SecurityLevels = ["general", "important", "core"];

    /// <summary>The first and second word of a company name (成都 + 智标 + 云图 + 科技有限公司).</summary>
    public static readonly string[] FirstWords =
    [
        "智标", "数联", "云图", "星辰", "慧眼", "锐思", "天枢", "灵犀", "博源", "启明", "华数", "中科", "海纳", "鸿图",
        "精标", "新源", "汇智", "睿达", "卓越", "东方", "万象", "领航", "蓝海", "金石", "天府", "巴蜀", "长风", "云帆",
        "数智", "优标", "易标", "极光", "光年", "量子", "未来", "恒信", "聚力", "同创", "青松", "致远",
    ];

    public static readonly string[] SecondWords =
    [
        "数据", "智能", "信息", "网络", "视界", "云端", "标注", "算力", "感知", "时代", "互联", "联合", "创新", "未来",
        "天成", "宏远", "鼎盛", "瑞丰", "众合", "嘉禾", "明德", "腾飞", "星河", "锦程",
    ];

    public static readonly string[] CompanySuffixes =
    [
        "科技有限公司", "科技有限公司", "科技有限公司", "信息技术有限公司", "数据科技有限公司", "智能科技有限公司",
        "网络科技股份有限公司", "数据服务有限公司", "人工智能科技有限公司",
    ];

    public static readonly (string Modality, string TaskType)[] CapabilityPool =
    [
        ("image", "bounding_box"), ("image", "segmentation"), ("image", "classification"), ("image", "keypoints"),
        ("video", "object_tracking"), ("video", "bounding_box"), ("audio", "transcription"), ("audio", "classification"),
        ("text", "entity_relation"), ("text", "classification"), ("text", "preference_ranking"), ("text", "instruction_writing"),
        ("text", "chain_of_thought"), ("point_cloud", "cuboid_3d"), ("point_cloud", "segmentation"), ("four_d", "annotation_4d"),
        ("multimodal", "cross_modal_alignment"), ("multimodal", "preference_ranking"), ("image", "labeling_review"),
        ("text", "quality_assessment"),
    ];

    /// <summary>A GUID from the seeded generator, so that a seed gives the same ids.</summary>
    public static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>Up to <paramref name="count"/> distinct items of the pool, in the generator's order.</summary>
    public static T[] Pick<T>(Random random, T[] pool, int count)
    {
        var copy = (T[])pool.Clone();
        random.Shuffle(copy);
        return copy[..Math.Min(count, copy.Length)];
    }
}
