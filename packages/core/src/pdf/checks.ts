// Check catalogue of the PDF signature layer. Ids are stable API: never rename one once released.
import { defineChecks } from '../report/check.js';

export const PDF_CHECKS = defineChecks({
  byteRangeFormat: {
    id: 'pdf.byteRange.format',
    passed: { zh: '/ByteRange 是四个非负整数', en: '/ByteRange is four non-negative integers' },
    failed: { zh: '/ByteRange 缺失或不是四个非负整数', en: '/ByteRange is missing or not four non-negative integers' },
    subIndication: 'FORMAT_FAILURE',
  },
  byteRangeStart: {
    id: 'pdf.byteRange.start',
    passed: { zh: '/ByteRange 从文件开头开始', en: '/ByteRange starts at the beginning of the file' },
    failed: { zh: '/ByteRange 不从文件开头（偏移 0）开始', en: '/ByteRange does not start at offset 0' },
    subIndication: 'FORMAT_FAILURE',
  },
  byteRangeBounds: {
    id: 'pdf.byteRange.bounds',
    passed: { zh: '/ByteRange 的两段位于文件内且互不重叠', en: 'Both /ByteRange ranges lie inside the file and do not overlap' },
    failed: { zh: '/ByteRange 的范围超出文件或相互重叠', en: '/ByteRange ranges run past the end of the file or overlap' },
    subIndication: 'FORMAT_FAILURE',
  },
  byteRangeGap: {
    id: 'pdf.byteRange.gap',
    passed: {
      zh: '/ByteRange 的空隙恰好是本签名字典的 /Contents 十六进制串',
      en: 'The /ByteRange gap is exactly the /Contents hex string of this signature dictionary',
    },
    failed: {
      zh: '/ByteRange 的空隙与本签名字典的 /Contents 十六进制串不一致（可能是签名包装攻击）',
      en: 'The /ByteRange gap is not exactly the /Contents hex string of this signature dictionary (possible signature wrapping)',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  byteRangeCoverage: {
    id: 'pdf.byteRange.coverage',
    passed: { zh: '签名覆盖整个文件或一个完整修订版', en: 'The signature covers the entire file or an entire revision' },
    failed: {
      zh: '签名覆盖范围不明确或未结束于修订版边界',
      en: 'The signature coverage is unclear or does not end at a revision boundary',
    },
    subIndication: 'FORMAT_FAILURE',
  },
  contents: {
    id: 'pdf.contents.hex',
    passed: { zh: '/Contents 是有效的十六进制串', en: '/Contents is a valid hex string' },
    failed: { zh: '/Contents 缺失、为空或不是有效的十六进制串', en: '/Contents is missing, empty or not a valid hex string' },
    subIndication: 'FORMAT_FAILURE',
  },
});
