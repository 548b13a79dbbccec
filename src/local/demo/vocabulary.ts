/**
 * Word lists for the demo data generator: bilingual (simplified Chinese and English) company parts,
 * people, industries, products and sentences of the kind a small Chinese trading or services business
 * records. Plain data, no logic.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export const CITIES: readonly { zh: string; en: string; areaCode: string; district: string }[] = [
  { zh: '北京', en: 'Beijing', areaCode: '010', district: '朝阳区建国路' },
  { zh: '上海', en: 'Shanghai', areaCode: '021', district: '浦东新区世纪大道' },
  { zh: '广州', en: 'Guangzhou', areaCode: '020', district: '天河区天河路' },
  { zh: '深圳', en: 'Shenzhen', areaCode: '0755', district: '南山区科技园' },
  { zh: '杭州', en: 'Hangzhou', areaCode: '0571', district: '西湖区文三路' },
  { zh: '成都', en: 'Chengdu', areaCode: '028', district: '高新区天府大道' },
  { zh: '苏州', en: 'Suzhou', areaCode: '0512', district: '工业园区星湖街' },
  { zh: '武汉', en: 'Wuhan', areaCode: '027', district: '洪山区珞喻路' },
];

export const COMPANY_CORES: readonly Bilingual[] = [
  { zh: '华信', en: 'Huaxin' },
  { zh: '瑞丰', en: 'Ruifeng' },
  { zh: '博远', en: 'Boyuan' },
  { zh: '鼎盛', en: 'Dingsheng' },
  { zh: '恒通', en: 'Hengtong' },
  { zh: '新锐', en: 'Xinrui' },
  { zh: '启明', en: 'Qiming' },
  { zh: '嘉禾', en: 'Jiahe' },
  { zh: '天成', en: 'Tiancheng' },
  { zh: '蓝海', en: 'Blue Ocean' },
  { zh: '金桥', en: 'Golden Bridge' },
  { zh: '远景', en: 'Vista' },
  { zh: '优品', en: 'Youpin' },
  { zh: '明德', en: 'Mingde' },
  { zh: '安泰', en: 'Antai' },
  { zh: '众合', en: 'Zhonghe' },
];

export const INDUSTRIES: readonly Bilingual[] = [
  { zh: '制造业', en: 'Manufacturing' },
  { zh: '服务业', en: 'Services' },
  { zh: '零售业', en: 'Retail' },
  { zh: '物流', en: 'Logistics' },
  { zh: '教育培训', en: 'Education' },
  { zh: '餐饮', en: 'Food & beverage' },
  { zh: '医疗健康', en: 'Healthcare' },
  { zh: '软件', en: 'Software' },
];

/** Company name suffix by industry index (same order as INDUSTRIES). */
export const COMPANY_SUFFIXES: readonly Bilingual[] = [
  { zh: '机械制造有限公司', en: 'Machinery Co., Ltd.' },
  { zh: '企业管理咨询有限公司', en: 'Consulting Co., Ltd.' },
  { zh: '商贸有限公司', en: 'Trading Co., Ltd.' },
  { zh: '供应链管理有限公司', en: 'Supply Chain Co., Ltd.' },
  { zh: '教育科技有限公司', en: 'Education Technology Co., Ltd.' },
  { zh: '餐饮管理有限公司', en: 'Catering Management Co., Ltd.' },
  { zh: '医疗器械有限公司', en: 'Medical Devices Co., Ltd.' },
  { zh: '信息技术有限公司', en: 'Information Technology Co., Ltd.' },
];

export const SURNAMES: readonly { zh: string; en: string }[] = [
  { zh: '王', en: 'Wang' },
  { zh: '李', en: 'Li' },
  { zh: '张', en: 'Zhang' },
  { zh: '刘', en: 'Liu' },
  { zh: '陈', en: 'Chen' },
  { zh: '杨', en: 'Yang' },
  { zh: '赵', en: 'Zhao' },
  { zh: '黄', en: 'Huang' },
  { zh: '周', en: 'Zhou' },
  { zh: '吴', en: 'Wu' },
];

export const GIVEN_NAMES: readonly { zh: string; en: string }[] = [
  { zh: '伟', en: 'Wei' },
  { zh: '芳', en: 'Fang' },
  { zh: '娜', en: 'Na' },
  { zh: '敏', en: 'Min' },
  { zh: '静', en: 'Jing' },
  { zh: '强', en: 'Qiang' },
  { zh: '磊', en: 'Lei' },
  { zh: '洋', en: 'Yang' },
  { zh: '婷', en: 'Ting' },
  { zh: '晓明', en: 'Xiaoming' },
  { zh: '建华', en: 'Jianhua' },
  { zh: '丽华', en: 'Lihua' },
];

export const ENGLISH_FIRST_NAMES: readonly string[] = ['David', 'Emma', 'Michael', 'Sophie', 'James', 'Olivia', 'Ryan'];
export const ENGLISH_LAST_NAMES: readonly string[] = ['Smith', 'Brown', 'Taylor', 'Wilson', 'Clarke', 'Evans'];

export const TITLES: readonly Bilingual[] = [
  { zh: '采购经理', en: 'Purchasing Manager' },
  { zh: '总经理', en: 'General Manager' },
  { zh: '行政主管', en: 'Office Manager' },
  { zh: 'IT负责人', en: 'Head of IT' },
  { zh: '财务总监', en: 'Finance Director' },
  { zh: '运营经理', en: 'Operations Manager' },
];

export const NEEDS: readonly { zh: string; en: string; keywords: Bilingual }[] = [
  {
    zh: '降低服务器运维成本',
    en: 'Cut server maintenance cost',
    keywords: { zh: '运维, 成本', en: 'maintenance, cost' },
  },
  { zh: '统一管理门店库存', en: 'Manage store inventory in one place', keywords: { zh: '库存', en: 'inventory' } },
  { zh: '提升客服响应速度', en: 'Answer customers faster', keywords: { zh: '客服, 效率', en: 'support, speed' } },
  { zh: '更换老旧办公设备', en: 'Replace old office equipment', keywords: { zh: '设备更新', en: 'equipment' } },
  { zh: '员工培训与认证', en: 'Staff training and certification', keywords: { zh: '培训', en: 'training' } },
  {
    zh: '年度保养服务合同',
    en: 'Yearly maintenance contract',
    keywords: { zh: '保养, 合同', en: 'maintenance, contract' },
  },
];

export const PRODUCTS: readonly { name: Bilingual; category: Bilingual; unitPrice: number }[] = [
  {
    name: { zh: '云服务器年度套餐', en: 'Cloud server, yearly plan' },
    category: { zh: '云服务', en: 'Cloud' },
    unitPrice: 12800,
  },
  {
    name: { zh: '门店收银系统', en: 'Point-of-sale system' },
    category: { zh: '软件', en: 'Software' },
    unitPrice: 6800,
  },
  { name: { zh: '办公打印机', en: 'Office printer' }, category: { zh: '硬件', en: 'Hardware' }, unitPrice: 2300 },
  {
    name: { zh: '年度维保服务', en: 'Yearly maintenance service' },
    category: { zh: '服务', en: 'Services' },
    unitPrice: 5000,
  },
  {
    name: { zh: '员工培训课程', en: 'Staff training course' },
    category: { zh: '培训', en: 'Training' },
    unitPrice: 1500,
  },
  { name: { zh: '网络设备升级', en: 'Network upgrade' }, category: { zh: '硬件', en: 'Hardware' }, unitPrice: 9600 },
];

export const FOLLOW_UP_TOPICS: readonly { topic: Bilingual; content: Bilingual; feedback: Bilingual }[] = [
  {
    topic: { zh: '初次沟通需求', en: 'First call about needs' },
    content: {
      zh: '介绍公司产品，了解客户现状和预算。',
      en: 'Introduced our products, asked about their setup and budget.',
    },
    feedback: { zh: '对方有兴趣，希望看方案。', en: 'Interested, wants to see a proposal.' },
  },
  {
    topic: { zh: '发送报价方案', en: 'Proposal sent' },
    content: { zh: '通过邮件发送报价单和实施计划。', en: 'E-mailed the quote and the rollout plan.' },
    feedback: { zh: '需要内部讨论，下周答复。', en: 'Will discuss internally and answer next week.' },
  },
  {
    topic: { zh: '上门拜访', en: 'Site visit' },
    content: { zh: '到客户现场查看设备情况。', en: 'Visited the site to check their equipment.' },
    feedback: { zh: '对服务很满意。', en: 'Happy with the service.' },
  },
  {
    topic: { zh: '节日问候', en: 'Holiday greetings' },
    content: {
      zh: '微信发送节日祝福，顺便询问使用情况。',
      en: 'Sent greetings on WeChat and asked how things are going.',
    },
    feedback: { zh: '使用正常，暂无新需求。', en: 'All fine, nothing new for now.' },
  },
  {
    topic: { zh: '交付进度更新', en: 'Delivery update' },
    content: { zh: '告知发货时间和安装安排。', en: 'Shared the shipping date and installation plan.' },
    feedback: { zh: '希望提前安装。', en: 'Would like installation earlier.' },
  },
];

export const TICKET_TEXTS: readonly { description: Bilingual; resolution: Bilingual }[] = [
  {
    description: { zh: '收银系统无法打印小票', en: 'The POS cannot print receipts' },
    resolution: { zh: '远程重装打印驱动后恢复。', en: 'Reinstalled the printer driver remotely.' },
  },
  {
    description: { zh: '咨询发票开具流程', en: 'How to get an invoice' },
    resolution: { zh: '已发送开票说明。', en: 'Sent the invoicing guide.' },
  },
  {
    description: { zh: '服务器响应缓慢', en: 'Server responds slowly' },
    resolution: { zh: '扩容内存并优化配置。', en: 'Added memory and tuned the configuration.' },
  },
  {
    description: { zh: '对上门时间不满意', en: 'Unhappy with the visit time' },
    resolution: { zh: '致歉并重新预约时间。', en: 'Apologised and rebooked the visit.' },
  },
];

export const SURVEY_COMMENTS: readonly Bilingual[] = [
  { zh: '响应及时，态度很好。', en: 'Quick answers, friendly staff.' },
  { zh: '产品质量不错，价格略高。', en: 'Good quality, a bit expensive.' },
  { zh: '希望上门服务更准时。', en: 'Please be on time for visits.' },
  { zh: '整体满意。', en: 'Satisfied overall.' },
];
