export default definePageConfig({ navigationBarTitleText: '赋码管理' });
