import { Text, View } from '@tarojs/components';

export interface ChipOption {
  value: string;
  label: string;
}

interface ChipsProps {
  /** Each chip gets the id `${id}-${value}`, for tests and screen readers. */
  id: string;
  options: ChipOption[];
  selected: string[];
  onToggle: (value: string) => void;
}

/** Tappable choices: large targets that work the same on every platform (no native pickers). */
export function Chips({ id, options, selected, onToggle }: ChipsProps) {
  return (
    <View className='chips' id={id}>
      {options.map((o) => {
        const on = selected.includes(o.value);
        return (
          <Text key={o.value} id={`${id}-${o.value}`} className={`chip ${on ? 'chip--on' : ''}`} aria-checked={on} onClick={() => onToggle(o.value)}>
            {o.label}
          </Text>
        );
      })}
    </View>
  );
}
