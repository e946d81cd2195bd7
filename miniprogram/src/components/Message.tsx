import { Text } from '@tarojs/components';

/** A line of feedback: an error in red, a notice in neutral colour. Announced to screen readers. */
export function Message({ error, notice }: { error?: string | null; notice?: string | null }) {
  if (error)
    return (
      <Text id='error' className='message message--error' aria-live='assertive'>
        {error}
      </Text>
    );
  if (notice)
    return (
      <Text id='notice' className='message' aria-live='polite'>
        {notice}
      </Text>
    );
  return null;
}
