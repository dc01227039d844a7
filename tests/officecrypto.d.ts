declare module 'officecrypto-tool' {
  const officeCrypto: {
    encrypt(input: Buffer, options: { password: string }): Buffer;
    isEncrypted(input: Buffer): boolean;
  };
  export default officeCrypto;
}
