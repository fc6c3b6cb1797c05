/**
 * The notification icon, a red dot, inline: Chrome requires an icon on every notification, and a data URL needs no
 * file in the package.
 */
export const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAl0lEQVR42u3ayw2AMAwE0ZST/ougLagAkZCPvZuxx' +
  'H3eDWxKYYzmqvVueSSj02FGw8Mgs8O3QlbHL0PsCl8CiYqfgoiOH0ZIA7LE/0Jki+9GSAOyxjcjpAHZ4z8RACIBKvGvCAAAAAAAAEAawLsQgE' +
  'O+Cfw/KdlKsBsy3M6du9yVX69bHDgsTkw2Rz6LM6vNodvmVwNmcB7Dh24NBW/CwAAAAABJRU5ErkJggg==';
