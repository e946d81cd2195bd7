/** H5: the paper code prints alone on an A6 sheet (see print.h5.css). */
import './print.h5.css';

export {};
