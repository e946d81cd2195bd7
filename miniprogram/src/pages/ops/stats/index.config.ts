export default definePageConfig({ navigationBarTitleText: '城市统计' });
