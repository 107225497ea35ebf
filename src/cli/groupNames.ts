/** The group names `--group` accepts (makeGroup validates them again with the input shape). */
export const GROUP_NAMES = ['flip-h', 'flip-v', 'c2', 'c4', 'd4', 'translate', 'shift', 'reverse', 'permute'];
