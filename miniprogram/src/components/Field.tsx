import { Input, Text, View } from '@tarojs/components';
import type { InputProps } from '@tarojs/components';

interface FieldProps {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  type?: InputProps['type'];
  maxlength?: number;
  onChange: (value: string) => void;
  /** Right-hand slot, e.g. the "get code" button. */
  extra?: React.ReactNode;
}

/** A labelled input row; `id` is stable so tests and screen readers can find it. */
export function Field({ id, label, value, placeholder, type = 'text', maxlength, onChange, extra }: FieldProps) {
  return (
    <View className='field'>
      <Text className='field__label'>{label}</Text>
      <View className='field__row'>
        <Input
          id={id}
          className='field__input'
          value={value}
          type={type}
          maxlength={maxlength}
          placeholder={placeholder}
          onInput={(e) => onChange(e.detail.value)}
        />
        {extra}
      </View>
    </View>
  );
}
