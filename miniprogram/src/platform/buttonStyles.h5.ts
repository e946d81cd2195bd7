/** H5: undo Taro's fading of buttons whose `disabled` is false (see buttons.h5.css). */
import './buttons.h5.css';

export {};
