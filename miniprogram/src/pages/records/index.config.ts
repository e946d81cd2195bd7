export default definePageConfig({ navigationBarTitleText: '核酸与疫苗记录' });
