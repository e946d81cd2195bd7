export default definePageConfig({ navigationBarTitleText: '场所管理' });
