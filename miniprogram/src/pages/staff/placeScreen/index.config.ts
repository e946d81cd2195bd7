export default definePageConfig({ navigationBarTitleText: '场所屏幕码' });
